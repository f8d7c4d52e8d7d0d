// One QEMU build from start to the builder's artifact: the step pipeline (post-processors run above, in the
// registry's build runner).
import { readdir, rm, rmdir } from 'node:fs/promises';
import { describeCleanupError, runSteps } from '../../core/runner.js';
import { resolveCacheDir } from '../../iso/index.js';
import { type Artifact, filesArtifact } from '../../plugins/artifact.js';
import type { BuilderContext } from '../../plugins/plugin.js';
import { cacheMaxBytes } from '../../snapshot-cache/cache-max.js';
import { snapshotsDir } from '../../snapshot-cache/store.js';
import { renderRuntime } from '../../template/index.js';
import { need, type QemuBuildContext, type SnapshotCacheSettings } from './build-context.js';
import type { QemuConfig } from './config/qemu-config.js';
import { createQemuDriver } from './driver.js';
import { saveDebugLogTail } from './failure-diagnostics.js';
import { qemuSteps } from './pipeline.js';
import { noteInRunRecord } from './run-record.js';

/** Packer's BuilderId for the QEMU builder: post-processors and tools key on it. */
export const QEMU_BUILDER_ID = 'transcend.qemu';

export async function runQemuBuild(config: QemuConfig, options: BuilderContext): Promise<Artifact> {
  const { ui, signal, template, build } = options;
  const ctx: QemuBuildContext = {
    config,
    provisioners: options.provisioners,
    errorCleanupProvisioner: options.errorCleanupProvisioner,
    build,
    ui,
    render: (text, data) =>
      renderRuntime(text, data, { template, buildName: build.name, buildType: build.type }),
    variables: Object.fromEntries(template.variables),
    detachVm: options.onStepError !== undefined,
    force: options.force,
    cacheDir: resolveCacheDir(options.env),
    snapshotCache: options.cache ? snapshotSettings(options) : undefined,
    env: options.env,
    driver: createQemuDriver(config.qemuBinary, options.log),
    runUuid: options.runUuid,
    pauseAfterStep: options.pauseAfterStep,
    waitForEnter: options.waitForEnter,
    log: options.log,
    redact: options.redact,
    diagnosticsDir: options.diagnosticsDir,
    liveConsole: options.liveConsole,
    state: {},
  };
  try {
    await runSteps(qemuSteps(ctx), ctx, {
      signal,
      ...(options.onStepError ? { onStepError: keepingOnAbort(ctx, options.onStepError) } : {}),
      ...(options.pauseAfterStep ? { pauseAfterStep: options.pauseAfterStep } : {}),
      onStepStart: (step) => ui.status?.(step),
      onCleanupError: (step, error) => ui.error(describeCleanupError(step, error)),
    });
  } catch (error) {
    if (reportLeftovers(ctx)) options.markAbandoned();
    const saved = await saveDebugLogTail(ctx, error);
    if (saved.length > 0) options.reportDiagnostics(saved);
    throw error;
  }
  return builderArtifact(ctx);
}

/** -on-error=abort skips the cleanups: the run record says so, so a later run reports it instead of clearing it. */
function keepingOnAbort(
  ctx: QemuBuildContext,
  decide: NonNullable<BuilderContext['onStepError']>,
): NonNullable<BuilderContext['onStepError']> {
  return async (step, error) => {
    const decision = await decide(step, error);
    if (decision === 'abort') await noteInRunRecord(ctx.state, { kept: true });
    return decision;
  };
}

function snapshotSettings(options: BuilderContext): SnapshotCacheSettings {
  const { template, env } = options;
  return {
    root: snapshotsDir(resolveCacheDir(env)),
    maxBytes: cacheMaxBytes(env),
    template: template.path,
    variables: Object.fromEntries(template.keyVariables ?? template.variables),
  };
}

/** After -on-error=abort the cleanups did not run: say what is still there, and let Kiln exit without it. */
function reportLeftovers(ctx: QemuBuildContext): boolean {
  const { vm, outputDir, vncPort } = ctx.state;
  if (!vm || vm.hasExited()) return false;
  vm.release();
  const vnc = vncPort === undefined ? '' : ` VNC vnc://${ctx.config.vncBindAddress}:${vncPort};`;
  ctx.ui.error(`QEMU (pid ${vm.pid}) is still running:${vnc} stop it with: kill ${vm.pid}`);
  if (outputDir) ctx.ui.error(`The output directory ${outputDir} was kept.`);
  return true;
}

function builderArtifact(ctx: QemuBuildContext): Artifact {
  const files = need(ctx.state, 'artifactFiles');
  const outputDir = need(ctx.state, 'outputDir');
  const artifact = filesArtifact(
    QEMU_BUILDER_ID,
    files,
    `VM files in directory: ${ctx.config.outputDirectory}`,
    ctx.config.format,
  );
  const accelerator = ctx.state.accelerator;
  return {
    ...artifact,
    ...(accelerator ? { accelerator } : {}),
    // Unlike Packer's rm -rf of the whole directory, only the disks go, so outputs that post-processors wrote
    // beside them survive; the directory goes too once it is empty.
    destroy: async () => {
      for (const file of files) await rm(file, { force: true });
      if ((await readdir(outputDir)).length === 0) await rmdir(outputDir);
    },
  };
}
