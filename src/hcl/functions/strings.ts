// String functions from cty's stdlib (string.go, string_replace.go) as Packer registers them. Note: Packer's
// `replace` is cty's literal ReplaceFunc — unlike Terraform's, a `/…/` substring is not a regular expression.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, str } from '../eval/values.js';
import { listOf, toNum, toStr } from './convert.js';
import { graphemes, wholeNumber } from './graphemes.js';
import { define, type FunctionTable, items, number, text } from './spec.js';

const s = (name: string) => ({ name, type: toStr });
const n = (name: string) => ({ name, type: toNum });
const unary = (f: (x: string) => string) => define([s('str')], ([x]) => str(f(text(x))));

function whole(v: HclValue | undefined, index: number): number {
  try {
    return wholeNumber(number(v));
  } catch (error) {
    throw new HclFunctionError((error as Error).message, index);
  }
}

/** Go's strings.Title: the first letter after a separator (anything but a letter, digit or `_`) is upper-cased. */
function title(x: string): string {
  let previous = ' ';
  let out = '';
  for (const ch of x) {
    const separator = !/[\p{L}\p{N}_]/u.test(previous) && !/\p{M}/u.test(previous);
    out += separator ? ch.toUpperCase() : ch;
    previous = ch;
  }
  return out;
}

function substr(x: string, offset: number, length: number): string {
  const chars = graphemes(x);
  const start = offset < 0 ? Math.max(chars.length + offset, 0) : offset;
  if (offset >= 0 && length === 0) return '';
  if (start >= chars.length) return '';
  return chars.slice(start, length < 0 ? undefined : start + length).join('');
}

function trimSet(x: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...x];
  let a = 0;
  let b = chars.length;
  while (a < b && cut.has(chars[a] as string)) a++;
  while (b > a && cut.has(chars[b - 1] as string)) b--;
  return chars.slice(a, b).join('');
}

const joinFn = define(
  [s('separator')],
  (args) => {
    const [sep, ...lists] = args;
    if (lists.length === 0) throw new HclFunctionError('at least one list is required');
    const parts: string[] = [];
    lists.forEach((list, ai) => {
      items(list).forEach((item, ei) => {
        if (item.type === 'null')
          throw new HclFunctionError(
            lists.length > 1
              ? `element ${ei} of list ${ai + 1} is null; cannot concatenate null values`
              : `element ${ei} is null; cannot concatenate null values`,
            ai + 1,
          );
        parts.push(text(item));
      });
    });
    return str(parts.join(text(sep)));
  },
  { name: 'lists', type: listOf(toStr) },
);

export const STRING_FUNCTIONS: FunctionTable = new Map([
  ['chomp', unary((x) => x.replace(/(?:\r\n?|\n)*$/, ''))],
  [
    'indent',
    define([n('spaces'), s('str')], ([spaces, x]) =>
      str(text(x).replaceAll('\n', `\n${' '.repeat(Math.max(whole(spaces, 0), 0))}`)),
    ),
  ],
  ['join', joinFn],
  ['lower', unary((x) => x.toLowerCase())],
  ['upper', unary((x) => x.toUpperCase())],
  [
    'replace',
    define([s('str'), s('substr'), s('replace')], ([x, sub, rep]) =>
      str(text(sub) === '' ? goReplaceEmpty(text(x), text(rep)) : text(x).replaceAll(text(sub), text(rep))),
    ),
  ],
  [
    'split',
    define([s('separator'), s('str')], ([sep, x]) => ({
      type: 'list',
      items: goSplit(text(x), text(sep)).map(str),
    })),
  ],
  ['strrev', unary((x) => graphemes(x).reverse().join(''))],
  [
    'substr',
    define([s('str'), n('offset'), n('length')], ([x, offset, length]) =>
      str(substr(text(x), whole(offset, 1), whole(length, 2))),
    ),
  ],
  ['title', unary(title)],
  ['trim', define([s('str'), s('cutset')], ([x, cut]) => str(trimSet(text(x), text(cut))))],
  [
    'trimprefix',
    define([s('str'), s('prefix')], ([x, p]) =>
      str(text(x).startsWith(text(p)) ? text(x).slice(text(p).length) : text(x)),
    ),
  ],
  [
    'trimsuffix',
    define([s('str'), s('suffix')], ([x, p]) =>
      str(text(p) !== '' && text(x).endsWith(text(p)) ? text(x).slice(0, -text(p).length) : text(x)),
    ),
  ],
  ['trimspace', unary((x) => x.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''))],
]);

/** Go's strings.Split: an empty separator splits into UTF-8 characters. */
function goSplit(x: string, sep: string): string[] {
  return sep === '' ? [...x] : x.split(sep);
}

/** Go's strings.Replace with an empty old string inserts the replacement around every character. */
function goReplaceEmpty(x: string, rep: string): string {
  return rep + [...x].map((ch) => ch + rep).join('');
}
