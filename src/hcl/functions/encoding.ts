// Encoding functions: go-cty-funcs' base64/url, cty's json and csv, Packer's base64gzip and
// textencodebase64/textdecodebase64. jsondecode's syntax errors are JavaScript's wording, not Go's.

import { gzipSync } from 'node:zlib';
import { HclFunctionError } from '../eval/function-error.js';
import { bool, type HclValue, NULL, num, object, str, tuple } from '../eval/values.js';
import { anyValue, toStr } from './convert.js';
import { csvDecode } from './csv.js';
import { jsonText } from './json-text.js';
import { define, type FunctionTable, text } from './spec.js';

const s = (name: string) => ({ name, type: toStr });
const unary = (f: (x: string) => string) => define([s('str')], ([x]) => str(f(text(x))));

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64Decode(input: string): string {
  if (!BASE64.test(input)) throw new HclFunctionError(`failed to decode base64 data '${input}'`);
  const bytes = Buffer.from(input, 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HclFunctionError('the result of decoding the the provided string is not valid UTF-8');
  }
}

/** Go's url.QueryEscape: space as `+`, only A-Z a-z 0-9 - _ . ~ kept. */
function queryEscape(input: string): string {
  return [...Buffer.from(input, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** JSON → value with cty's implied types: arrays are tuples, objects are objects. */
export function fromPlain(v: unknown): HclValue {
  if (v === null || v === undefined) return NULL;
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return bool(v);
  if (Array.isArray(v)) return tuple(v.map(fromPlain));
  if (v instanceof Date) return str(v.toISOString());
  return object(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromPlain(x)] as const));
}

function jsonDecode(input: string): HclValue {
  const first = input.trimStart()[0];
  if (first !== undefined && !/[[{"\-0-9tfn]/.test(first))
    throw new HclFunctionError(`a JSON document cannot begin with the character ${JSON.stringify(first)}`, 0);
  try {
    return fromPlain(JSON.parse(input));
  } catch (error) {
    throw new HclFunctionError((error as Error).message);
  }
}

/** Encodings Node can produce without ICU tables: the IANA names and aliases Packer users meet. */
const TEXT_ENCODINGS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'utf-16le': 'utf16le',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'ascii',
  ascii: 'ascii',
};

function nodeEncoding(name: string): BufferEncoding {
  const encoding = TEXT_ENCODINGS[name.toLowerCase()];
  if (encoding === undefined)
    throw new HclFunctionError(`${JSON.stringify(name)} is not a supported IANA encoding name or alias`, 1);
  return encoding;
}

export const ENCODING_FUNCTIONS: FunctionTable = new Map([
  ['base64decode', unary(base64Decode)],
  ['base64encode', unary((x) => Buffer.from(x, 'utf8').toString('base64'))],
  ['base64gzip', unary((x) => gzipSync(Buffer.from(x, 'utf8')).toString('base64'))],
  ['csvdecode', define([s('str')], ([x]) => csvDecode(text(x)))],
  ['jsondecode', define([s('str')], ([x]) => jsonDecode(text(x)))],
  [
    'jsonencode',
    define([{ name: 'val', type: anyValue, allowNull: true }], ([v]) => {
      try {
        return str(jsonText(v as HclValue));
      } catch (error) {
        throw new HclFunctionError((error as Error).message, 0);
      }
    }),
  ],
  ['urlencode', unary(queryEscape)],
  [
    'textencodebase64',
    define([s('string'), s('encoding')], ([x, enc]) => {
      const encoding = nodeEncoding(text(enc));
      const input = text(x);
      const limit = encoding === 'latin1' ? 0xff : encoding === 'ascii' ? 0x7f : Number.POSITIVE_INFINITY;
      if ([...input].some((ch) => (ch.codePointAt(0) as number) > limit))
        throw new HclFunctionError(
          `the given string contains characters that cannot be represented in ${text(enc)}`,
          0,
        );
      return str(Buffer.from(input, encoding).toString('base64'));
    }),
  ],
  [
    'textdecodebase64',
    define([s('source'), s('encoding')], ([x, enc]) => {
      const encoding = nodeEncoding(text(enc));
      const input = text(x);
      const bad = /[^A-Za-z0-9+/=]/.exec(input);
      if (bad)
        throw new HclFunctionError(
          `the given value is has an invalid base64 symbol at offset ${bad.index}`,
          0,
        );
      return str(Buffer.from(input, 'base64').toString(encoding));
    }),
  ],
]);
