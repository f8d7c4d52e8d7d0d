// `kiln build` arguments: flags → BuildCommandOptions; signals → the build's AbortSignal.
import { runBuildCommand } from '../../commands/build.js';
import { isOnErrorPolicy, ON_ERROR_POLICIES } from '../../commands/on-error.js';
import { CancelledError } from '../../core/errors.js';
import type { Artifact } from '../../post-processors/artifact.js';
import { machineReadableUiFactory, writeArtifactRecords } from '../../ui/machine-readable-ui.js';
import { consoleUiFactory } from '../../ui/ui-factory.js';
import { type FlagSpec, parseFlags, parseVarFlag, UsageError } from '../flags.js';
import { commaList, expectTemplate, FILTER_FLAGS, TEMPLATE_FLAGS, wantsHelp, writeHelp } from './shared.js';

export const BUILD_FLAGS = {
  ...TEMPLATE_FLAGS,
  force: { kind: 'bool', help: 'Replace an existing output directory.' },
  color: { kind: 'bool', help: 'Colour the output (default true on a terminal; -color=false disables).' },
  'timestamp-ui': { kind: 'bool', help: 'Prefix each output line with a timestamp (always on in CI).' },
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
  debug: {
    kind: 'bool',
    help: 'Pause after each step (press enter to go on); one build at a time; stack traces.',
  },
  ...FILTER_FLAGS,
} as const satisfies Record<string, FlagSpec>;

export async function buildCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) return writeHelp('build', 'Builds the images a template describes.', BUILD_FLAGS);
  const { flags, positionals } = parseFlags(args, BUILD_FLAGS);
  const templatePath = expectTemplate('build', positionals, BUILD_FLAGS);
  const onError = (flags['on-error'] as string | undefined) ?? 'cleanup';
  if (!isOnErrorPolicy(onError)) {
    throw new UsageError(`-on-error must be one of ${ON_ERROR_POLICIES.join(', ')}; got '${onError}'`);
  }
  const parallelBuilds = Number((flags['parallel-builds'] as string | undefined) ?? '0');
  if (!Number.isInteger(parallelBuilds) || parallelBuilds < 0) {
    throw new UsageError(
      `-parallel-builds must be a whole number, 0 or more; got '${flags['parallel-builds']}'`,
    );
  }
  const machineReadable = flags['machine-readable'] === true;
  if (machineReadable && flags.debug === true)
    throw new UsageError('-debug and -machine-readable are mutually exclusive');
  const ci = Boolean(process.env.CI) || !process.stdout.isTTY;
  const machineUi = machineReadable ? machineReadableUiFactory(process.stdout) : undefined;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    process.stderr.write(`\n==> ${signal} received: cancelling the build and cleaning up...\n`);
    controller.abort(new CancelledError(`build cancelled by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runBuildCommand({
      templatePath,
      vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
      varFiles: (flags['var-file'] as string[] | undefined) ?? [],
      force: flags.force === true,
      only: commaList(flags.only as string[] | undefined),
      except: commaList(flags.except as string[] | undefined),
      onError,
      parallelBuilds,
      input: process.stdin,
      env: process.env,
      signal: controller.signal,
      debug: flags.debug === true,
      ...(machineUi
        ? {
            reportArtifacts: (build: string, artifacts: readonly Artifact[]) =>
              writeArtifactRecords(machineUi(build, []), artifacts),
          }
        : {}),
      createUi:
        machineUi ??
        consoleUiFactory({
          out: process.stdout,
          interactive: !ci,
          timestamps: ci || flags['timestamp-ui'] === true,
          color: (flags.color as boolean | undefined) ?? (!ci && !process.env.NO_COLOR),
        }),
    });
    // The kept VM's monitor socket and the HTTP server hold the event loop; they end with the process.
    if (result.abandoned) process.exit(result.exitCode);
    return result.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
