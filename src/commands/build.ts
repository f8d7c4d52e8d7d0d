// src/commands/ runs what src/cli/ parsed. `kiln build`: load, run the builds (up to -parallel-builds), report.
import { randomUUID } from 'node:crypto';
import { createBuildLog, type LogSink } from '../core/debug-log.js';
import { errorMessage, isCancelled } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import { createRedactor } from '../core/redact.js';
import { runLimited } from '../core/run-limited.js';
import type { Ui } from '../core/ui.js';
import { type ConsoleMode, type LiveConsole, startLiveConsole } from '../live-console/index.js';
import type { Artifact } from '../plugins/artifact.js';
import { type DiagnosticFile, describeDiagnostics } from '../plugins/diagnostics.js';
import type { ResolvedBuild } from '../registry/registry.js';
import { resolveBuildsWithWarnings } from '../registry/resolve-builds.js';
import { type BuildOutcome, runBuild } from '../registry/run-build.js';
import { type LoadedTemplate, loadTemplate } from '../template/index.js';
import { formatError } from '../ui/format-error.js';
import type { ErrorAnnotator } from '../ui/github-annotations.js';
import { loggedUi } from '../ui/logged-ui.js';
import { teeToConsole } from '../ui/tee-to-console.js';
import type { UiFactory } from '../ui/ui-factory.js';
import {
  canPause,
  effectivePolicy,
  enterPrompt,
  type OnErrorPolicy,
  pauseForEnter,
  stepErrorHandler,
} from './on-error.js';
import type { Prompter } from './prompter.js';

export interface BuildCommandOptions {
  templatePath: string;
  vars: readonly (readonly [string, string])[];
  varFiles: readonly string[];
  force: boolean;
  /** -cache: resume from cached VM snapshots and record new ones. */
  cache?: boolean;
  only: readonly string[];
  except: readonly string[];
  onError: OnErrorPolicy;
  /** 0 = no limit (Packer's default). */
  parallelBuilds: number;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  createUi: UiFactory;
  /** Answers for -on-error=ask and -debug's pauses; without a terminal neither asks. */
  prompter: Prompter;
  /** -debug: pause after every step, one build at a time, stack traces with errors. */
  debug: boolean;
  /** -machine-readable: Packer's artifact records for each build. */
  reportArtifacts?: (build: string, artifacts: readonly Artifact[]) => void;
  /** GitHub Actions: each error also as an annotation. */
  annotate?: ErrorAnnotator;
  /** KILN_LOG / PACKER_LOG on: where the debug log goes (every build keeps its last lines regardless). */
  logSink?: LogSink;
  /** -diagnostics DIR: where a failed build saves its screenshot and logs (default: beside its output). */
  diagnosticsDir?: string;
  /** -machine-readable: records naming what a failed build saved. */
  reportDiagnostics?: (build: string, files: readonly DiagnosticFile[], sensitive: readonly string[]) => void;
  /** -console: serve the live console page for the run. */
  consoleMode?: ConsoleMode | undefined;
}

export interface BuildCommandResult {
  /** 0 when every build succeeded, 1 otherwise (Packer has no other codes). */
  exitCode: number;
  /** -on-error=abort left QEMU running: the process must exit without waiting for it. */
  abandoned: boolean;
}

export async function runBuildCommand(options: BuildCommandOptions): Promise<BuildCommandResult> {
  if (!options.consoleMode) return runBuilds(options, undefined);
  const live = await startLiveConsole(options.consoleMode);
  options.createUi('', []).say(`Live console (${options.consoleMode}): ${live.url}`);
  try {
    const result = await runBuilds({ ...options, createUi: teeToConsole(options.createUi, live) }, live);
    const ok = result.exitCode === 0;
    live.end(
      ok,
      ok ? 'Kiln finished: every build succeeded.' : 'Kiln finished: a build failed or was cancelled.',
    );
    return result;
  } finally {
    await live.close();
  }
}

async function runBuilds(
  options: BuildCommandOptions,
  live: LiveConsole | undefined,
): Promise<BuildCommandResult> {
  // Until the template is loaded no value is known to be sensitive (loadTemplate redacts its own errors).
  let globalUi = options.createUi('', []);
  let template: LoadedTemplate;
  let builds: readonly ResolvedBuild[];
  try {
    template = await loadTemplate(options.templatePath, {
      vars: options.vars,
      varFiles: options.varFiles,
      env: options.env,
    });
    globalUi = options.createUi('', template.sensitiveValues);
    const resolved = resolveBuildsWithWarnings(template, { only: options.only, except: options.except });
    builds = resolved.builds;
    for (const warning of resolved.warnings) globalUi.message(`Warning: ${warning}`);
    for (const skipped of resolved.skipped)
      globalUi.say(`Skipping build '${skipped.name}' (${skipped.type}): ${skipped.reason}`);
  } catch (error) {
    globalUi.error(`Error: ${formatError(error, { debug: options.debug })}`);
    options.annotate?.(error);
    return { exitCode: 1, abandoned: false };
  }
  const onError = effectivePolicy(options.onError, options.prompter, globalUi);
  const pauses = options.debug && canPause(options.prompter, globalUi);
  // -debug pauses for a key press after every step: one build at a time, as Packer does.
  const limit = options.debug ? 1 : options.parallelBuilds;
  const runUuid = randomUUID();
  const redact = createRedactor(template.sensitiveValues);
  const runLog = createBuildLog({ redact, sink: options.logSink });
  runLog.info(`build ${options.templatePath}: ${builds.map((b) => b.name).join(', ') || 'no builds'}`);
  const outcomes = await runLimited(builds, limit, (build) => {
    const log = createBuildLog({ redact, sink: options.logSink, prefix: build.name });
    const ui = loggedUi(options.createUi(build.name, template.sensitiveValues), log);
    const onStepError = stepErrorHandler(onError, ui, options.prompter);
    const pauseAfterStep = pauses ? pauseForEnter(ui, options.prompter) : undefined;
    const waitForEnter = enterPrompt(options.prompter);
    const liveConsole = live?.forBuild(build.name);
    const policy = { onStepError, pauseAfterStep, waitForEnter };
    const diagnostics = { log, redact, diagnosticsDir: options.diagnosticsDir };
    return runBuild(build, template, {
      ...options,
      ...policy,
      ...diagnostics,
      ui,
      runUuid,
      liveConsole,
    }).then((outcome) => {
      liveConsole?.finish(
        outcome.error === undefined,
        resultLine(outcome, options, template.sensitiveValues),
      );
      return outcome;
    });
  });
  for (const outcome of outcomes) {
    options.reportArtifacts?.(outcome.name, outcome.artifacts);
    if (outcome.diagnostics)
      options.reportDiagnostics?.(outcome.name, outcome.diagnostics, template.sensitiveValues);
  }
  // Errors can quote commands with secrets in them (environment_vars): the summary is redacted too.
  const summaryUi = options.createUi('', template.sensitiveValues);
  return {
    exitCode: reportOutcomes(summaryUi, outcomes, options, template.sensitiveValues),
    abandoned: outcomes.some((o) => o.abandoned),
  };
}

/** The build's result as the summary says it, redacted, for the console page. */
function resultLine(
  outcome: BuildOutcome,
  options: BuildCommandOptions,
  sensitive: readonly string[],
): string {
  const elapsed = formatDuration(outcome.durationMs);
  if (outcome.error === undefined) return `Build '${outcome.name}' finished after ${elapsed}.`;
  const why = formatError(outcome.error, { debug: options.debug }).split('\n')[0];
  return createRedactor(sensitive)(`Build '${outcome.name}' errored after ${elapsed}: ${why}`);
}

function reportOutcomes(
  ui: Ui,
  outcomes: readonly BuildOutcome[],
  options: BuildCommandOptions,
  sensitive: readonly string[],
): number {
  const failed = outcomes.filter((o) => o.error !== undefined);
  for (const outcome of outcomes) {
    const elapsed = formatDuration(outcome.durationMs);
    if (outcome.error === undefined) {
      ui.say(`Build '${outcome.name}' finished after ${elapsed}.`);
      continue;
    }
    ui.error(
      `Build '${outcome.name}' errored after ${elapsed}: ${formatError(outcome.error, { debug: options.debug })}`,
    );
    if (outcome.diagnostics) ui.error(describeDiagnostics(outcome.diagnostics));
    reportKept(ui, outcome);
    if (!isCancelled(outcome.error)) options.annotate?.(outcome.error, { build: outcome.name, sensitive });
  }
  if (options.signal.aborted || failed.some((o) => isCancelled(o.error))) {
    ui.error('Cleanly cancelled builds after being interrupted.');
    return 1;
  }
  if (failed.length > 0) {
    ui.error("Some builds didn't complete successfully and had errors:");
    for (const o of failed) ui.error(`--> ${o.name}: ${errorMessage(o.error).split('\n')[0]}`);
  }
  const artifacts = outcomes.flatMap((o) => o.artifacts.map((a) => ({ name: o.name, artifact: a })));
  const kept = outcomes.some((o) => o.kept?.length);
  if (artifacts.length === 0) {
    ui.say(
      `Builds finished but no artifacts were created${kept ? ' (files kept from unfinished post-processing are listed above)' : ''}.`,
    );
  } else {
    ui.say('Builds finished. The artifacts of successful builds are:');
    for (const { name, artifact } of artifacts) ui.say(`--> ${name}: ${artifact.description}`);
  }
  return failed.length > 0 ? 1 : 0;
}

/** A failed or cancelled post-processor leaves what was made before it: say what and where. */
export function reportKept(ui: Ui, outcome: BuildOutcome): void {
  if (!outcome.kept?.length) return;
  ui.error(`Build '${outcome.name}': post-processing did not finish; these files were kept:`);
  for (const artifact of outcome.kept) ui.error(`--> ${artifact.description}: ${artifact.files.join(', ')}`);
}
