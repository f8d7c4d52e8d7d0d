// One build of any registered builder: the builder runs to its artifact, then the post-processor chains.
import type { BuildLog } from '../core/debug-log.js';
import type { Redactor } from '../core/redact.js';
import type { Ui } from '../core/ui.js';
import type { BuildConsole } from '../live-console/index.js';
import type { Artifact } from '../plugins/artifact.js';
import type { DiagnosticFile } from '../plugins/diagnostics.js';
import type {
  BuilderContext,
  ProvisionerIdentity,
  RunnableProvisioner,
  StepPolicy,
  WaitForEnter,
} from '../plugins/plugin.js';
import { type LoadedTemplate, renderRuntime } from '../template/index.js';
import { provisionerIdentity } from './provisioner-identity.js';
import { type AnyProvisioner, builderPlugin, postProcessorPlugin, type ResolvedBuild } from './registry.js';
import { runPostProcessorChains } from './run-post-processors.js';
import { runProvisioner } from './run-provisioner.js';

export interface BuildOutcome {
  name: string;
  durationMs: number;
  artifacts: Artifact[];
  error?: unknown;
  /** -on-error=abort left resources (QEMU, the HTTP server) that only ending the process releases. */
  abandoned?: boolean;
  /** What a failed build saved for diagnosis (screenshot, serial log, debug-log tail). */
  diagnostics?: readonly DiagnosticFile[];
  /** A post-processor failed or was cancelled: the artifacts made before it, still on disk. */
  kept?: Artifact[];
}

export interface RunBuildOptions extends StepPolicy {
  ui: Ui;
  force: boolean;
  /** -cache */
  cache?: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  waitForEnter: WaitForEnter | undefined;
  /** One per `kiln build` run, shared by its builds (Packer's PACKER_RUN_UUID). */
  runUuid: string;
  log: BuildLog;
  redact: Redactor;
  /** -diagnostics DIR. */
  diagnosticsDir: string | undefined;
  /** -console: this build's part of the page. */
  liveConsole: BuildConsole | undefined;
}

export async function runBuild(
  build: ResolvedBuild,
  template: LoadedTemplate,
  options: RunBuildOptions,
): Promise<BuildOutcome> {
  const started = Date.now();
  const { ui, signal } = options;
  let abandoned = false;
  let diagnostics: readonly DiagnosticFile[] = [];
  const info = { name: build.name, type: build.type };
  const ctx: BuilderContext = {
    ...options,
    build: info,
    cache: options.cache === true,
    template,
    provisioners: build.provisioners.map((p) => runnable(p, provisionerIdentity(p, template, build.name))),
    errorCleanupProvisioner: build.errorCleanupProvisioner && runnable(build.errorCleanupProvisioner),
    markAbandoned: () => {
      abandoned = true;
    },
    reportDiagnostics: (files) => {
      diagnostics = files;
    },
  };
  const render = (text: string, data: Readonly<Record<string, string | number>>) =>
    renderRuntime(text, data, { template, buildName: build.name, buildType: build.type });
  const onDisk: Artifact[] = [];
  try {
    const artifact = await builderPlugin(build.type).run(build.config, ctx);
    onDisk.push(artifact);
    const artifacts = await runPostProcessorChains(
      build.postProcessors,
      artifact,
      (pp, input) =>
        postProcessorPlugin(pp.type).run(pp.config, input, {
          ui,
          signal,
          render,
          buildName: build.name,
          builderType: build.type,
          runUuid: options.runUuid,
          force: options.force,
          log: options.log,
        }),
      ui,
      onDisk,
    );
    return { name: build.name, durationMs: Date.now() - started, artifacts };
  } catch (error) {
    return {
      name: build.name,
      durationMs: Date.now() - started,
      artifacts: [],
      error,
      abandoned,
      ...(diagnostics.length > 0 ? { diagnostics } : {}),
      ...(onDisk.length > 0 ? { kept: onDisk } : {}),
    };
  }
}

function runnable(provisioner: AnyProvisioner, identity?: ProvisionerIdentity): RunnableProvisioner {
  return {
    ...provisioner,
    run: (ctx) => runProvisioner(provisioner, ctx),
    ...(identity ? { identity } : {}),
  };
}
