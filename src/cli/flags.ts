// Go-style flag parsing as Packer's CLI accepts it: -flag, --flag, -flag=value, -flag value; bool flags take
// no separate value (-force, -force=false), nor do `optional` flags (-console, -console=interactive); flags stop at the first positional argument or "--".

/** `optional`: alone it means "true", with `=value` that value; it never takes the next argument. */
export type FlagKind = 'bool' | 'string' | 'list' | 'optional';

export interface FlagSpec {
  kind: FlagKind;
  help: string;
}

export type FlagValues = Record<string, boolean | string | string[] | undefined>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  flags: FlagValues;
  positionals: string[];
}

export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const flags: FlagValues = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = specs[name];
    if (!spec) throw new UsageError(`flag provided but not defined: -${name}`);
    let value: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (spec.kind === 'bool') {
      flags[name] = parseBool(name, value ?? 'true');
      continue;
    }
    if (spec.kind === 'optional') {
      flags[name] = value ?? 'true';
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
    }
    if (spec.kind === 'list') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else flags[name] = value;
  }
  return { flags, positionals: argv.slice(i) };
}

function parseBool(name: string, value: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new UsageError(`invalid boolean value "${value}" for -${name}`);
}

/** `-var 'k=v'` → [k, v]; the value may itself contain '='. */
export function parseVarFlag(raw: string): [string, string] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`-var '${raw}': expected the form name=value`);
  return [raw.slice(0, eq), raw.slice(eq + 1)];
}

export function formatFlagHelp(specs: Readonly<Record<string, FlagSpec>>): string {
  return Object.entries(specs)
    .map(([name, spec]) => `  -${name}${FLAG_VALUE_HINT[spec.kind]}`.padEnd(26) + spec.help)
    .join('\n');
}

const FLAG_VALUE_HINT: Record<FlagKind, string> = {
  bool: '',
  optional: '[=...]',
  string: '=...',
  list: '=...',
};
