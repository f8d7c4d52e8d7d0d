// doublestar.Glob as fileset uses it: `**` spans any number of directories, `*` and `?` stay within one, `[…]`
// classes and `{a,b}` alternatives; matches are files and directories, walked in lexical order.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One path segment's pattern as a RegExp (without `/`). */
function segmentRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < segment.length) out += `\\${segment[++i]}`;
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) throw new Error('syntax error in pattern');
      const body = segment
        .slice(i + 1, close)
        .replace(/^[!^]/, '^')
        .replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = close;
    } else if (c === '{') {
      const close = segment.indexOf('}', i);
      if (close < 0) throw new Error('syntax error in pattern');
      const alternatives = segment.slice(i + 1, close).split(',');
      out += `(?:${alternatives.map((a) => segmentRegExp(a).source.slice(1, -1)).join('|')})`;
      i = close;
    } else out += c.replace(/[.+^$()|\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Paths under `root` (joined with `root`) matching the `/`-separated `pattern`. */
export function glob(root: string, pattern: string): string[] {
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const out = new Set<string>();
  const walk = (dir: string, rest: readonly string[]): void => {
    const [head, ...tail] = rest;
    if (head === undefined) {
      out.add(dir);
      return;
    }
    if (head === '**') {
      walk(dir, tail);
      for (const name of entries(dir)) {
        const child = join(dir, name);
        if (isDirectory(child)) walk(child, rest);
        else if (tail.length === 0) out.add(child);
      }
      return;
    }
    if (!/[*?[{\\]/.test(head)) {
      const path = join(dir, head);
      if (tail.length === 0 || isDirectory(path)) walk(path, tail);
      return;
    }
    const re = segmentRegExp(head);
    for (const name of entries(dir)) if (re.test(name)) walk(join(dir, name), tail);
  };
  walk(root, segments);
  return [...out];
}
