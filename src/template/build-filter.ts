// -only / -except: which builds of a template run. Patterns are globs (`*`, `?`, `[a-z]`, `{a,b}`).

/**
 * Packer 1.6.6 compares legacy-JSON build names exactly; its HCL2 path (and Packer ≥1.7 for both) matches
 * globs. A name without glob characters matches only itself, so globs change nothing for plain names.
 */
export interface BuildFilter {
  readonly only?: readonly string[];
  readonly except?: readonly string[];
}

export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i] as string);
    else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += escapeRegExp(c);
  }
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return new RegExp(`^${escapeRegExp(pattern)}$`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === name || globToRegExp(p).test(name));
}

/** Why a build is skipped, or undefined when it runs. */
export function skipReason(name: string, filter: BuildFilter): string | undefined {
  const only = filter.only?.filter((p) => p !== '') ?? [];
  const except = filter.except?.filter((p) => p !== '') ?? [];
  if (only.length > 0 && !matchesAny(name, only)) return `not selected by -only=${only.join(',')}`;
  if (matchesAny(name, except)) return `excluded by -except=${except.join(',')}`;
  return undefined;
}
