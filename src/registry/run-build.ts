// One build of any registered builder: the builder runs to its artifact, then the post-processor chains.
import type { Ui } from '../core/ui.js';
import type { BuildConsole } from '../live-console/index.js';
import type { Artifact } from '../plugins/artifact.js';
import type { BuilderContext, RunnableProvisioner, StepPolicy, WaitForEnter } from '../plugins/plugin.js';
import { type LoadedTemplate, renderRuntime } from '../template/index.js';
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
}

export interface RunBuildOptions extends StepPolicy {
  ui: Ui;
  force: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  waitForEnter: WaitForEnter | undefined;
  /** One per `kiln build` run, shared by its builds (Packer's PACKER_RUN_UUID). */
  runUuid: string;
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
  const info = { name: build.name, type: build.type };
  const ctx: BuilderContext = {
    ...options,
    build: info,
    template,
    provisioners: build.provisioners.map(runnable),
    errorCleanupProvisioner: build.errorCleanupProvisioner && runnable(build.errorCleanupProvisioner),
    markAbandoned: () => {
      abandoned = true;
    },
  };
  const render = (text: string, data: Readonly<Record<string, string | number>>) =>
    renderRuntime(text, data, { template, buildName: build.name, buildType: build.type });
  try {
    const artifact = await builderPlugin(build.type).run(build.config, ctx);
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
        }),
      ui,
    );
    return { name: build.name, durationMs: Date.now() - started, artifacts };
  } catch (error) {
    return { name: build.name, durationMs: Date.now() - started, artifacts: [], error, abandoned };
  }
}

function runnable(provisioner: AnyProvisioner): RunnableProvisioner {
  return { ...provisioner, run: (ctx) => runProvisioner(provisioner, ctx) };
}
