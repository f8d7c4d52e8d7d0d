// `kiln fix` arguments.
import { runFixCommand } from '../commands/fix.js';
import { FIXERS } from '../fix/index.js';
import { type FlagSpec, parseFlags, UsageError } from './flags.js';
import { wantsHelp } from './shared-flags.js';

export const FIX_FLAGS = {
  validate: { kind: 'bool', help: 'If true (default), validates the fixed template.' },
} as const satisfies Record<string, FlagSpec>;

function helpText(): string {
  const fixers = FIXERS.map((f) => `  ${f.name.padEnd(27)}${f.synopsis}`).join('\n');
  return (
    'Usage: kiln fix [options] TEMPLATE\n\n' +
    '  Reads the JSON template and rewrites options that Packer deprecated, keeping\n' +
    '  the key order and indentation of the file. The fixed template is written to\n' +
    '  standard out; errors go to standard error with a non-zero exit status.\n\n' +
    `Fixes that are run (in order):\n\n${fixers}\n\nOptions:\n\n` +
    '  -validate=true      If true (default), validates the fixed template.\n'
  );
}

export async function fixCli(
  args: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = {
    out: process.stdout,
    err: process.stderr,
  },
): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(helpText());
    return 0;
  }
  const { flags, positionals } = parseFlags(args, FIX_FLAGS);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one template file\n\n${helpText()}`);
  return runFixCommand({
    templatePath: positionals[0] as string,
    validate: flags.validate !== false,
    cwd: process.cwd(),
    out: io.out,
    err: io.err,
  });
}
