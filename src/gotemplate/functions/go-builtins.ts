// Go text/template's own functions (and, or, not, len, index, slice, print*, comparisons, html, js, urlquery).

import { TemplateFunctionError } from '../template-errors.js';
import { GoFloat, goTypeName, isRecord, isTrue, type TemplateValue } from '../values.js';
import { defineFunctionTable, type TemplateFunctionSpec } from './function-table.js';
import { sprint, sprintf, sprintln } from './go-fmt.js';

const fail = (message: string): never => {
  throw new TemplateFunctionError(message);
};

const variadic = (
  call: (args: readonly TemplateValue[]) => TemplateValue,
  min = 0,
): TemplateFunctionSpec => ({
  params: Array.from({ length: min }, () => 'any' as const),
  variadic: 'any',
  call,
});

type Basic = { kind: 'int' | 'float' | 'string' | 'bool'; value: number | string | boolean };

function basic(value: TemplateValue): Basic | undefined {
  if (typeof value === 'number') return { kind: 'int', value };
  if (value instanceof GoFloat) return { kind: 'float', value: value.value };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  return undefined;
}

function comparable(a: TemplateValue, b: TemplateValue, ordered: boolean): [Basic, Basic] {
  const x = basic(a);
  const y = basic(b);
  if (x === undefined || y === undefined) return fail('invalid type for comparison');
  if (x.kind !== y.kind) return fail('incompatible types for comparison');
  if (ordered && x.kind === 'bool') return fail('invalid type for comparison');
  return [x, y];
}

function less(a: TemplateValue, b: TemplateValue): boolean {
  const [x, y] = comparable(a, b, true);
  return x.value < y.value;
}

/** Go 1.18+'s eq for two values: nil equals only nil, and is not an error beside any other value. */
function equal(a: TemplateValue, b: TemplateValue): boolean {
  if (a === null || b === null) return a === b;
  const [x, y] = comparable(a, b, false);
  return x.value === y.value;
}

/** Byte offsets as Go slices strings (UTF-8). */
function byteIndex(text: string, args: readonly TemplateValue[], what: string): number[] {
  const length = Buffer.byteLength(text);
  return args.map((arg) => {
    if (typeof arg !== 'number') return fail(`cannot ${what} with ${goTypeName(arg)}`);
    if (arg < 0 || arg > length) return fail(`index out of range: ${arg}`);
    return arg;
  });
}

function index(item: TemplateValue, keys: readonly TemplateValue[]): TemplateValue {
  let current = item;
  for (const key of keys) {
    if (typeof current === 'string') {
      const bytes = Buffer.from(current, 'utf8');
      if (typeof key !== 'number') return fail(`cannot index slice/array with type ${goTypeName(key)}`);
      if (key < 0 || key >= bytes.length) return fail(`index out of range: ${key}`);
      current = bytes[key] ?? 0;
    } else if (isRecord(current)) {
      if (typeof key !== 'string') return fail(`value has type ${goTypeName(key)}; should be string`);
      current = current[key] ?? null;
    } else if (current === null) {
      return fail('index of untyped nil');
    } else {
      return fail(`can't index item of type ${goTypeName(current)}`);
    }
  }
  return current;
}

function slice(item: TemplateValue, bounds: readonly TemplateValue[]): TemplateValue {
  if (typeof item !== 'string') return fail(`can't slice item of type ${goTypeName(item)}`);
  if (bounds.length > 2) return fail('cannot 3-index slice a string');
  const bytes = Buffer.from(item, 'utf8');
  const [from = 0, to = bytes.length] = byteIndex(item, bounds, 'slice');
  if (from > to) return fail(`invalid slice index: ${from} > ${to}`);
  return bytes.subarray(from, to).toString('utf8');
}

/** template.HTMLEscapeString. */
function html(text: string): string {
  const map: Record<string, string> = {
    '"': '&#34;',
    "'": '&#39;',
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '\0': '\uFFFD',
  };
  return text.replace(/["'&<>\0]/g, (c) => map[c] ?? c);
}

/** template.JSEscapeString (the Go release Packer 1.6.6 is built with). */
function js(text: string): string {
  const map: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"' };
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const simple = map[ch];
    if (simple !== undefined) out += simple;
    else if ('<>&='.includes(ch) || code < 0x20 || code === 0x7f)
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
function urlquery(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const GO_BUILTIN_FUNCTIONS = defineFunctionTable({
  and: variadic((a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1] ?? null, 1),
  or: variadic((a) => a.find((v) => isTrue(v)) ?? a[a.length - 1] ?? null, 1),
  not: { params: ['any'], call: (a) => !isTrue(a[0] ?? null) },
  len: {
    params: ['any'],
    call: ([v = null]) => {
      if (typeof v === 'string') return Buffer.byteLength(v);
      if (isRecord(v)) return Object.keys(v).length;
      return fail(`len of type ${goTypeName(v)}`);
    },
  },
  index: variadic(([item = null, ...keys]) => index(item, keys), 1),
  slice: variadic(([item = null, ...bounds]) => slice(item, bounds), 1),
  print: variadic(sprint),
  println: variadic(sprintln),
  printf: { params: ['string'], variadic: 'any', call: ([f, ...rest]) => sprintf(String(f), rest) },
  eq: variadic(([first = null, ...others]) => {
    if (others.length === 0) return fail('missing argument for comparison');
    return others.some((other) => equal(first, other));
  }, 1),
  ne: { params: ['any', 'any'], call: ([a = null, b = null]) => !equal(a, b) },
  lt: { params: ['any', 'any'], call: ([a = null, b = null]) => less(a, b) },
  le: { params: ['any', 'any'], call: ([a = null, b = null]) => less(a, b) || equal(a, b) },
  gt: { params: ['any', 'any'], call: ([a = null, b = null]) => !less(a, b) && !equal(a, b) },
  ge: { params: ['any', 'any'], call: ([a = null, b = null]) => !less(a, b) },
  html: variadic((a) => html(sprint(a))),
  js: variadic((a) => js(sprint(a))),
  urlquery: variadic((a) => urlquery(sprint(a))),
});
