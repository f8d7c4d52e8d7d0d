// `kiln fmt` arguments (Packer's `fmt`).
import { runFmtCommand } from '../commands/fmt.js';
import { type FlagSpec, formatFlagHelp, parseFlags, UsageError } from './flags.js';
import { wantsHelp } from './shared-flags.js';

export const FMT_FLAGS = {
  check: { kind: 'bool', help: 'Exit with status 3 if any input is not properly formatted; write nothing.' },
  diff: { kind: 'bool', help: 'Display diffs of formatting changes.' },
  write: { kind: 'bool', help: "Write the result to the source files (default true; -write=false doesn't)." },
  recursive: { kind: 'bool', help: 'Also process files in subdirectories of a given directory.' },
} as const satisfies Record<string, FlagSpec>;

function helpText(): string {
  return (
    'Usage: kiln fmt [options] [TEMPLATE]\n\n' +
    '  Rewrites all HCL2 configuration files (.pkr.hcl) and variable files (.pkrvars.hcl)\n' +
    '  to the canonical format, as `packer fmt` does. JSON files are not modified.\n\n' +
    '  If TEMPLATE is "." the current directory is used; if it is "-" the content is\n' +
    '  read from standard input and the result written to standard output.\n\n' +
    `Options:\n\n${formatFlagHelp(FMT_FLAGS)}\n`
  );
}

export async function fmtCli(
  args: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = {
    out: process.stdout,
    err: process.stderr,
  },
): Promise<number> {
  if (wantsHelp(args)) {
    io.out.write(helpText());
    return 0;
  }
  const { flags, positionals } = parseFlags(args, FMT_FLAGS);
  if (positionals.length === 0)
    throw new UsageError(`expected at least one file or directory\n\n${helpText()}`);
  const check = flags.check === true;
  return runFmtCommand({
    paths: positionals,
    check,
    diff: flags.diff === true,
    write: !check && flags.write !== false,
    recursive: flags.recursive === true,
    cwd: process.cwd(),
    stdin: process.stdin,
    out: io.out,
    err: io.err,
  });
}
