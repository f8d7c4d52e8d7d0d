// `kiln validate` arguments.
import { runValidateCommand } from '../commands/validate.js';
import { githubAnnotator } from '../ui/github-annotations.js';
import { type FlagSpec, parseFlags, parseVarFlag } from './flags.js';
import {
  commaList,
  expectTemplate,
  FILTER_FLAGS,
  TEMPLATE_FLAGS,
  wantsHelp,
  writeHelp,
} from './shared-flags.js';

export const VALIDATE_FLAGS = {
  ...TEMPLATE_FLAGS,
  'syntax-only': { kind: 'bool', help: 'Check only the template syntax.' },
  ...FILTER_FLAGS,
} as const satisfies Record<string, FlagSpec>;

export async function validateCli(
  args: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = {
    out: process.stdout,
    err: process.stderr,
  },
): Promise<number> {
  if (wantsHelp(args)) return writeHelp('validate', 'Checks that a template is valid.', VALIDATE_FLAGS);
  const { flags, positionals } = parseFlags(args, VALIDATE_FLAGS);
  const annotate = githubAnnotator(process.stdout, process.env);
  return runValidateCommand({
    templatePath: expectTemplate('validate', positionals, VALIDATE_FLAGS),
    vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
    varFiles: (flags['var-file'] as string[] | undefined) ?? [],
    syntaxOnly: flags['syntax-only'] === true,
    only: commaList(flags.only as string[] | undefined),
    except: commaList(flags.except as string[] | undefined),
    env: process.env,
    out: io.out,
    err: io.err,
    ...(annotate ? { annotate } : {}),
  });
}
