// `kiln build` arguments: flags → BuildCommandOptions; signals → the build's AbortSignal.
import { runBuildCommand } from '../../commands/build.js';
import { CancelledError } from '../../core/errors.js';
import { consoleUiFactory } from '../../ui/ui-factory.js';
import { type FlagSpec, parseFlags, parseVarFlag } from '../flags.js';
import { expectTemplate, TEMPLATE_FLAGS, wantsHelp, writeHelp } from './shared.js';

export const BUILD_FLAGS = {
  ...TEMPLATE_FLAGS,
  force: { kind: 'bool', help: 'Replace an existing output directory.' },
  color: { kind: 'bool', help: 'Colour the output (default true on a terminal; -color=false disables).' },
  'timestamp-ui': { kind: 'bool', help: 'Prefix each output line with a timestamp (always on in CI).' },
  debug: { kind: 'bool', help: 'Show stack traces with errors.' },
} as const satisfies Record<string, FlagSpec>;

export async function buildCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) return writeHelp('build', 'Builds the images a template describes.', BUILD_FLAGS);
  const { flags, positionals } = parseFlags(args, BUILD_FLAGS);
  const templatePath = expectTemplate('build', positionals, BUILD_FLAGS);
  const ci = Boolean(process.env.CI) || !process.stdout.isTTY;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    process.stderr.write(`\n==> ${signal} received: cancelling the build and cleaning up...\n`);
    controller.abort(new CancelledError(`build cancelled by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runBuildCommand({
      templatePath,
      vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
      varFiles: (flags['var-file'] as string[] | undefined) ?? [],
      force: flags.force === true,
      env: process.env,
      signal: controller.signal,
      debug: flags.debug === true,
      createUi: consoleUiFactory({
        out: process.stdout,
        interactive: !ci,
        timestamps: ci || flags['timestamp-ui'] === true,
        color: (flags.color as boolean | undefined) ?? (!ci && !process.env.NO_COLOR),
      }),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
