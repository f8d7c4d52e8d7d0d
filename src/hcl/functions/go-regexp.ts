// Go's RE2 syntax (regexp.Compile) carried onto JavaScript's RegExp: `(?P<name>…)` groups, a leading `(?flags)`
// group, `\A`/`\z`, POSIX classes, and Go's `$1`/`${name}` replacement templates.

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\t\\n\\v\\f\\r ',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

/** Throws an Error with a message for "error parsing pattern: …". */
export function goRegExp(pattern: string, global: boolean): RegExp {
  let source = pattern;
  let flags = global ? 'gu' : 'u';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    source = source.slice(leading[0].length);
    for (const f of leading[1] as string) {
      if (f === 'U') throw new Error('ungreedy mode (?U) is not supported');
      if (!flags.includes(f)) flags += f;
    }
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, neg: string, name: string) => {
      const set = POSIX[name];
      if (set === undefined) return whole;
      return neg ? `[^${set}]` : set;
    });
  return new RegExp(source, flags);
}

/** Go's Regexp.Expand: `$1`, `$name` (longest run of word characters), `${name}`, `$$`. */
export function expandGoTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (whole, _all, braced, bare) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    if (/^[0-9]+$/.test(name)) return match[Number(name)] ?? '';
    return match.groups?.[name] ?? '';
  });
}

/** Capturing groups in a JS-converted pattern: counted by matching a trivially empty alternative. */
export function groupInfo(re: RegExp): { unnamed: number; names: string[] } {
  const names = [...re.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1] as string);
  const total = (new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')?.length ?? 1) - 1;
  return { unnamed: total - names.length, names };
}
