// `kiln build` arguments: flags → BuildCommandOptions; signals and closed output → the build's AbortSignal.
import { type BuildCommandOptions, runBuildCommand } from '../commands/build.js';
import { isOnErrorPolicy, ON_ERROR_POLICIES, type OnErrorPolicy } from '../commands/on-error.js';
import { createPrompter } from '../commands/prompter.js';
import { errorMessage } from '../core/errors.js';
import { type OpenLogSink, openLogSink } from '../core/log-sink.js';
import type { ConsoleMode } from '../live-console/index.js';
import { githubAnnotator } from '../ui/github-annotations.js';
import {
  machineReadableUiFactory,
  writeArtifactRecords,
  writeDiagnosticRecords,
} from '../ui/machine-readable-ui.js';
import { consoleOutput } from '../ui/ui-factory.js';
import { type FlagSpec, type FlagValues, parseFlags, parseVarFlag, UsageError } from './flags.js';
import { cancelOnInterruption } from './interruptions.js';
import {
  commaList,
  expectTemplate,
  FILTER_FLAGS,
  TEMPLATE_FLAGS,
  wantsHelp,
  writeHelp,
} from './shared-flags.js';

export const BUILD_FLAGS = {
  ...TEMPLATE_FLAGS,
  ...FILTER_FLAGS,
  force: { kind: 'bool', help: 'Replace an existing output directory.' },
  cache: {
    kind: 'bool',
    help: 'Resume from cached snapshots of the VM (after the install, after each provisioner); record new ones.',
  },
  'on-error': {
    kind: 'string',
    help: 'If the build fails: cleanup (default), abort, ask, or run-cleanup-provisioner.',
  },
  'parallel-builds': {
    kind: 'string',
    help: 'Number of builds to run in parallel; 0 (default) means no limit.',
  },
  'machine-readable': {
    kind: 'bool',
    help: "Packer's machine-readable output (timestamp,target,type,data...).",
  },
  color: { kind: 'bool', help: 'Colour the output (default true on a terminal; -color=false disables).' },
  'timestamp-ui': { kind: 'bool', help: 'Prefix each output line with a timestamp (always on in CI).' },
  console: {
    kind: 'optional',
    help: 'Show the VM screen, log and step in a browser (URL printed at the start); =interactive lets you type.',
  },
  debug: {
    kind: 'bool',
    help: 'Pause after each step (press enter to go on); one build at a time; stack traces.',
  },
  diagnostics: {
    kind: 'string',
    help: "Where a failed build saves the VM's screen, serial log and debug-log tail (default: beside the output directory).",
  },
} as const satisfies Record<string, FlagSpec>;

type Output = Pick<BuildCommandOptions, 'createUi' | 'reportArtifacts' | 'reportDiagnostics' | 'annotate'> & {
  close(): void;
};

export async function buildCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) return writeHelp('build', 'Builds the images a template describes.', BUILD_FLAGS);
  const { flags, positionals } = parseFlags(args, BUILD_FLAGS);
  const templatePath = expectTemplate('build', positionals, BUILD_FLAGS);
  const output = outputFor(flags);
  const logSink = debugLogSink();
  const diagnosticsDir = flags.diagnostics as string | undefined;
  const controller = new AbortController();
  const stopListening = cancelOnInterruption(controller);
  const prompter = createPrompter(process.stdin, process.stderr, process.stdin.isTTY === true);
  try {
    const result = await runBuildCommand({
      templatePath,
      vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
      varFiles: (flags['var-file'] as string[] | undefined) ?? [],
      force: flags.force === true,
      cache: flags.cache === true,
      only: commaList(flags.only as string[] | undefined),
      except: commaList(flags.except as string[] | undefined),
      onError: onErrorPolicy(flags),
      parallelBuilds: parallelBuilds(flags),
      prompter,
      env: process.env,
      signal: controller.signal,
      debug: flags.debug === true,
      createUi: output.createUi,
      ...(output.reportArtifacts ? { reportArtifacts: output.reportArtifacts } : {}),
      ...(output.reportDiagnostics ? { reportDiagnostics: output.reportDiagnostics } : {}),
      ...(logSink ? { logSink } : {}),
      ...(diagnosticsDir ? { diagnosticsDir } : {}),
      ...(output.annotate ? { annotate: output.annotate } : {}),
      consoleMode: consoleMode(flags.console as string | undefined, process.env.KILN_CONSOLE),
    });
    output.close();
    // The kept VM's monitor socket and the HTTP server hold the event loop; they end with the process.
    if (result.abandoned) process.exit(result.exitCode);
    return result.exitCode;
  } finally {
    output.close();
    logSink?.close();
    stopListening();
    prompter.close();
  }
}

function outputFor(flags: FlagValues): Output {
  if (flags['machine-readable'] === true) {
    if (flags.debug === true) throw new UsageError('-debug and -machine-readable are mutually exclusive');
    const createUi = machineReadableUiFactory(process.stdout);
    return {
      createUi,
      reportArtifacts: (build, artifacts) => writeArtifactRecords(createUi(build, []), artifacts),
      reportDiagnostics: (build, files, sensitive) =>
        writeDiagnosticRecords(createUi(build, sensitive), files),
      close: () => {},
    };
  }
  const ci = Boolean(process.env.CI) || !process.stdout.isTTY;
  // The Actions runner timestamps every line itself.
  const annotate = githubAnnotator(process.stdout, process.env);
  const output = consoleOutput({
    out: process.stdout,
    interactive: !ci,
    timestamps: (ci && !annotate) || flags['timestamp-ui'] === true,
    color: (flags.color as boolean | undefined) ?? (!ci && !process.env.NO_COLOR),
  });
  return { ...output, ...(annotate ? { annotate } : {}) };
}

/** An unwritable KILN_LOG_PATH is the user's to fix: said like a bad flag, before anything runs. */
function debugLogSink(): OpenLogSink | undefined {
  try {
    return openLogSink(process.env, process.stderr);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

/** -console[=interactive|true|false], else KILN_CONSOLE (1, true, interactive); off by default. */
export function consoleMode(flag: string | undefined, env: string | undefined): ConsoleMode | undefined {
  const [value, from] = flag !== undefined ? [flag, '-console'] : [env?.trim() ?? '', 'KILN_CONSOLE'];
  if (value === 'interactive') return 'interactive';
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return 'view-only';
  if (['', '0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return undefined;
  throw new UsageError(`${from} must be true, false or interactive; got '${value}'`);
}

function onErrorPolicy(flags: FlagValues): OnErrorPolicy {
  const value = (flags['on-error'] as string | undefined) ?? 'cleanup';
  if (!isOnErrorPolicy(value))
    throw new UsageError(`-on-error must be one of ${ON_ERROR_POLICIES.join(', ')}; got '${value}'`);
  return value;
}

function parallelBuilds(flags: FlagValues): number {
  const raw = (flags['parallel-builds'] as string | undefined) ?? '0';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`-parallel-builds must be a whole number, 0 or more; got '${raw}'`);
  return value;
}
