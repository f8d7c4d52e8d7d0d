// Flags and helpers every template command shares.
import { type FlagSpec, formatFlagHelp, UsageError } from './flags.js';

export const TEMPLATE_FLAGS = {
  var: { kind: 'list', help: 'Variable for templates, can be used multiple times (-var name=value).' },
  'var-file': { kind: 'list', help: 'JSON file containing user variables, can be used multiple times.' },
} as const satisfies Record<string, FlagSpec>;

export function wantsHelp(args: readonly string[]): boolean {
  return args.some((arg) => arg === '-h' || arg === '-help' || arg === '--help');
}

export function writeHelp(command: string, summary: string, specs: Record<string, FlagSpec>): number {
  process.stdout.write(
    `Usage: kiln ${command} [options] TEMPLATE\n\n  ${summary}\n\nOptions:\n\n${formatFlagHelp(specs)}\n`,
  );
  return 0;
}

export function expectTemplate(
  command: string,
  positionals: readonly string[],
  specs: Record<string, FlagSpec>,
): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      `expected exactly one template file\n\nUsage: kiln ${command} [options] TEMPLATE\n\n${formatFlagHelp(specs)}`,
    );
  }
  return positionals[0] as string;
}

export const FILTER_FLAGS = {
  only: {
    kind: 'list',
    help: 'Only these builds (comma list of names or globs: -only=foo,bar; may repeat).',
  },
  except: { kind: 'list', help: 'All builds but these (comma list of names or globs; may repeat).' },
} as const satisfies Record<string, FlagSpec>;

/** Packer's slice flags: each use is a comma list, repeated uses add up; empty items are dropped. */
export function commaList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).filter((item) => item !== '');
}
