// `kiln inspect` arguments.
import { runInspectCommand } from '../commands/inspect.js';
import { type FlagSpec, parseFlags, parseVarFlag } from './flags.js';
import { expectTemplate, TEMPLATE_FLAGS, wantsHelp, writeHelp } from './shared-flags.js';

export const INSPECT_FLAGS = {
  'machine-readable': { kind: 'bool', help: 'Machine-readable output (Packer format).' },
  // A JSON template's inspect shows raw defaults whatever these say (Packer 1.6.6); an HCL2 one's uses them.
  ...TEMPLATE_FLAGS,
} as const satisfies Record<string, FlagSpec>;

export async function inspectCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    return writeHelp(
      'inspect',
      'Shows the variables, builders and provisioners a template defines. This does not\n  validate the template (other than its basic syntax).',
      INSPECT_FLAGS,
    );
  }
  const { flags, positionals } = parseFlags(args, INSPECT_FLAGS);
  return runInspectCommand({
    templatePath: expectTemplate('inspect', positionals, INSPECT_FLAGS),
    machineReadable: flags['machine-readable'] === true,
    vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
    varFiles: (flags['var-file'] as string[] | undefined) ?? [],
    out: process.stdout,
    err: process.stderr,
  });
}
