// One QEMU build from start to artifacts: the step pipeline, then the post-processor chains.
import { readdir, rm, rmdir } from 'node:fs/promises';
import type { StepErrorHandler } from '../../commands/on-error.js';
import { describeCleanupError, runSteps } from '../../core/runner.js';
import type { Ui } from '../../core/ui.js';
import { resolveCacheDir } from '../../iso/index.js';
import { type Artifact, filesArtifact } from '../../post-processors/artifact.js';
import { runPostProcessor } from '../../post-processors/run-post-processor.js';
import { runPostProcessorChains } from '../../post-processors/run-post-processors.js';
import { type LoadedTemplate, type ResolvedBuild, renderRuntime } from '../../template/index.js';
import { need, type QemuBuildContext } from './build-context.js';
import { qemuSteps } from './pipeline.js';

/** Packer's BuilderId for the QEMU builder: post-processors and tools key on it. */
export const QEMU_BUILDER_ID = 'transcend.qemu';

export interface BuildOutcome {
  name: string;
  durationMs: number;
  artifacts: Artifact[];
  error?: unknown;
  /** -on-error=abort left resources (QEMU, the HTTP server) that only ending the process releases. */
  abandoned?: boolean;
}

export interface RunBuildOptions {
  ui: Ui;
  /** -on-error policy; undefined cleans up (the default). */
  onStepError: StepErrorHandler | undefined;
  /** -debug */
  pauseAfterStep: ((step: string) => Promise<void>) | undefined;
  force: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function runQemuBuild(
  build: ResolvedBuild,
  template: LoadedTemplate,
  options: RunBuildOptions,
): Promise<BuildOutcome> {
  const started = Date.now();
  const { ui, signal } = options;
  const render = (text: string, data: Readonly<Record<string, string | number>>) =>
    renderRuntime(text, data, { template, buildName: build.name, buildType: build.type });
  const ctx: QemuBuildContext = {
    config: build.config,
    provisioners: build.provisioners,
    errorCleanupProvisioner: build.errorCleanupProvisioner,
    build: { name: build.name, type: build.type },
    ui,
    render,
    variables: Object.fromEntries(template.variables),
    detachVm: options.onStepError !== undefined,
    force: options.force,
    cacheDir: resolveCacheDir(options.env),
    env: options.env,
    state: {},
  };
  try {
    await runSteps(qemuSteps(ctx), ctx, {
      signal,
      ...(options.onStepError ? { onStepError: options.onStepError } : {}),
      ...(options.pauseAfterStep ? { pauseAfterStep: options.pauseAfterStep } : {}),
      onStepStart: (step) => ui.status?.(step),
      onCleanupError: (step, error) => ui.error(describeCleanupError(step, error)),
    });
    const artifact = builderArtifact(ctx);
    const artifacts = await runPostProcessorChains(
      build.postProcessors,
      artifact,
      (pp, input) =>
        runPostProcessor(pp, input, { ui, signal, render, buildName: build.name, builderType: build.type }),
      ui,
    );
    return { name: build.name, durationMs: Date.now() - started, artifacts };
  } catch (error) {
    const abandoned = reportLeftovers(ctx);
    return { name: build.name, durationMs: Date.now() - started, artifacts: [], error, abandoned };
  }
}

/** After -on-error=abort the cleanups did not run: say what is still there, and let Kiln exit without it. */
function reportLeftovers(ctx: QemuBuildContext): boolean {
  const { vm, outputDir, vncPort } = ctx.state;
  if (!vm || vm.hasExited()) return false;
  vm.release();
  const vnc = `vnc://${ctx.config.vncBindAddress}:${vncPort}`;
  ctx.ui.error(`QEMU (pid ${vm.pid}) is still running: VNC ${vnc}; stop it with: kill ${vm.pid}`);
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
  return {
    ...artifact,
    // Unlike Packer's rm -rf of the whole directory, only the disks go, so outputs that post-processors wrote
    // beside them survive; the directory goes too once it is empty.
    destroy: async () => {
      for (const file of files) await rm(file, { force: true });
      if ((await readdir(outputDir)).length === 0) await rmdir(outputDir);
    },
  };
}
