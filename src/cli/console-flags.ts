// `kiln console` arguments; the kind of stdin (pipe, TTY, file) picks the console mode, as in Packer.
import { fstatSync } from 'node:fs';
import { type ConsoleMode, runConsoleCommand } from '../commands/console.js';
import { type FlagSpec, formatFlagHelp, parseFlags, parseVarFlag, UsageError } from './flags.js';
import { TEMPLATE_FLAGS, wantsHelp } from './shared-flags.js';

export const CONSOLE_FLAGS = { ...TEMPLATE_FLAGS } as const satisfies Record<string, FlagSpec>;

const USAGE = 'Usage: kiln console [options] [TEMPLATE]';

export async function consoleCli(
  args: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = {
    out: process.stdout,
    err: process.stderr,
  },
): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(
      `${USAGE}\n\n  Evaluates template expressions ({{ }}) against a template's variables: one per line\n` +
        '  from standard input, or interactively on a terminal ("help", "variables", "exit").\n' +
        '  On an HCL2 template (*.pkr.hcl, *.pkr.json or a directory), the lines are HCL expressions (var.x, local.y).\n\n' +
        `Options:\n\n${formatFlagHelp(CONSOLE_FLAGS)}\n`,
    );
    return 0;
  }
  const { flags, positionals } = parseFlags(args, CONSOLE_FLAGS);
  if (positionals.length > 1) {
    throw new UsageError(
      `expected at most one template file\n\n${USAGE}\n\n${formatFlagHelp(CONSOLE_FLAGS)}`,
    );
  }
  return runConsoleCommand({
    templatePath: positionals[0],
    vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
    varFiles: (flags['var-file'] as string[] | undefined) ?? [],
    env: process.env,
    input: process.stdin,
    mode: stdinMode(),
    out: io.out,
    err: io.err,
  });
}

/** Packer checks for a named pipe; a TTY gets the prompt; files, sockets and /dev/null are read line by line. */
function stdinMode(): ConsoleMode {
  if (process.stdin.isTTY) return 'interactive';
  try {
    return fstatSync(0).isFIFO() ? 'piped' : 'lines';
  } catch {
    return 'lines';
  }
}
