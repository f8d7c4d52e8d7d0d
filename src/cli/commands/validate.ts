// `kiln validate` arguments.
import { runValidateCommand } from '../../commands/validate.js';
import { type FlagSpec, parseFlags, parseVarFlag } from '../flags.js';
import { expectTemplate, TEMPLATE_FLAGS, wantsHelp, writeHelp } from './shared.js';

export const VALIDATE_FLAGS = {
  ...TEMPLATE_FLAGS,
  'syntax-only': { kind: 'bool', help: 'Check only the template syntax.' },
  only: { kind: 'list', help: 'Validate only these builds (comma list: -only=foo,bar; may repeat).' },
  except: { kind: 'list', help: 'Validate all builds other than these (comma list; may repeat).' },
} as const satisfies Record<string, FlagSpec>;

/** Packer's slice flags: each use is a comma list, repeated uses add up; empty items are dropped. */
export function commaList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).filter((item) => item !== '');
}

export async function validateCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) return writeHelp('validate', 'Checks that a template is valid.', VALIDATE_FLAGS);
  const { flags, positionals } = parseFlags(args, VALIDATE_FLAGS);
  return runValidateCommand({
    templatePath: expectTemplate('validate', positionals, VALIDATE_FLAGS),
    vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
    varFiles: (flags['var-file'] as string[] | undefined) ?? [],
    syntaxOnly: flags['syntax-only'] === true,
    only: commaList(flags.only as string[] | undefined),
    except: commaList(flags.except as string[] | undefined),
    env: process.env,
    out: process.stdout,
    err: process.stderr,
  });
}
