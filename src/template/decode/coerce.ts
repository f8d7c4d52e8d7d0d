// Weakly-typed coercions as Packer's mapstructure decoding does them ("2048"→2048, "true"→true, 1→"1").

import { parseGoDurationMs } from '../../core/go-duration.js';
import { describeValue, type JsonValue } from '../../json/json-value.js';

export type Coerced<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const bad = (expected: string, found: JsonValue, hint = ''): Coerced<never> => ({
  ok: false,
  problem: `expected ${expected}, found ${describeValue(found)}${hint}`,
});

export function coerceString(value: JsonValue): Coerced<string> {
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number') return ok(String(value));
  if (typeof value === 'boolean') return ok(value ? '1' : '0');
  return bad('a string', value);
}

const GO_INT = /^[+-]?(?:0[xX][\da-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9]\d*|0)$/;

/** Go's strconv.ParseInt(s, 0, 64): base prefixes 0x/0b/0o, and a leading 0 means octal. */
function parseGoInt(text: string): number | undefined {
  const clean = text.replace(/(\d)_(?=\d)/g, '$1');
  if (!GO_INT.test(clean)) return undefined;
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  if (/^0[xX]/.test(body)) return sign * Number.parseInt(body.slice(2), 16);
  if (/^0[bB]/.test(body)) return sign * Number.parseInt(body.slice(2), 2);
  if (/^0[oO]/.test(body)) return sign * Number.parseInt(body.slice(2), 8);
  if (/^0\d/.test(body)) return sign * Number.parseInt(body.slice(1), 8);
  return sign * Number.parseInt(body, 10);
}

export function coerceInt(value: JsonValue): Coerced<number> {
  // mapstructure converts a JSON number (a float64) to an int field by truncating it: `memory: 1.5` is 1.
  if (typeof value === 'number') return inRange(Math.trunc(value), value);
  if (typeof value === 'boolean') return ok(value ? 1 : 0);
  if (typeof value === 'string') {
    if (value === '') return ok(0);
    const parsed = parseGoInt(value.trim() === value ? value : '');
    return parsed === undefined ? bad('an integer', value) : inRange(parsed, value);
  }
  return bad('an integer', value);
}

/** Beyond 2^53 a number is no longer exact (and far beyond any size, count or port a template means). */
function inRange(parsed: number, found: JsonValue): Coerced<number> {
  return Number.isSafeInteger(parsed) ? ok(parsed) : bad('an integer', found, ' (out of range)');
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False', '']);

export function coerceBool(value: JsonValue): Coerced<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number') return ok(value !== 0);
  if (typeof value === 'string') {
    if (TRUE.has(value)) return ok(true);
    if (FALSE.has(value)) return ok(false);
  }
  return bad('a boolean (true/false)', value);
}

const NS_PER_MS = 1_000_000;

/** Go duration string → milliseconds; a bare number is nanoseconds, as mapstructure decodes a time.Duration. */
export function coerceDuration(value: JsonValue): Coerced<number> {
  if (typeof value === 'string') {
    const ms = parseGoDurationMs(value);
    return ms === undefined ? bad('a Go duration such as "10s" or "1m30s"', value) : ok(ms);
  }
  if (typeof value === 'number') return ok(Math.trunc(value) / NS_PER_MS);
  return bad('a Go duration such as "10s" or "1m30s"', value);
}

/** A list of strings; a single string is split on commas and a scalar becomes one element (as mapstructure). */
export function coerceStringList(value: JsonValue): Coerced<string[]> {
  if (typeof value === 'string') return ok(value === '' ? [] : value.split(','));
  if (typeof value === 'number' || typeof value === 'boolean') return ok([scalarString(value)]);
  if (!Array.isArray(value)) return bad('a list of strings', value);
  const out: string[] = [];
  for (const [i, element] of value.entries()) {
    const item = coerceString(element);
    if (!item.ok) return { ok: false, problem: `element ${i}: ${item.problem}` };
    out.push(item.value);
  }
  return ok(out);
}

function scalarString(value: number | boolean): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

export function coerceStringListList(value: JsonValue): Coerced<string[][]> {
  if (!Array.isArray(value)) return bad('a list of lists of strings', value);
  const out: string[][] = [];
  for (const [i, element] of value.entries()) {
    // mapstructure's weak decoding lifts a lone value into a list: ["-m", "512"] is [["-m"], ["512"]].
    const inner = Array.isArray(element)
      ? coerceStringList(element)
      : typeof element === 'string' || typeof element === 'number' || typeof element === 'boolean'
        ? ok([typeof element === 'string' ? element : scalarString(element)])
        : bad('a list of strings', element);
    if (!inner.ok) return { ok: false, problem: `element ${i}: ${inner.problem}` };
    out.push(inner.value);
  }
  return ok(out);
}

export function coerceStringMap(value: JsonValue): Coerced<Record<string, string>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad('an object of strings', value);
  const out: Record<string, string> = {};
  for (const [key, element] of Object.entries(value)) {
    const item = coerceString(element);
    if (!item.ok) return { ok: false, problem: `key ${JSON.stringify(key)}: ${item.problem}` };
    out[key] = item.value;
  }
  return ok(out);
}

export function coerceIntList(value: JsonValue): Coerced<number[]> {
  const list = Array.isArray(value) ? value : [value];
  const out: number[] = [];
  for (const [i, element] of list.entries()) {
    const item = coerceInt(element);
    if (!item.ok)
      return { ok: false, problem: Array.isArray(value) ? `element ${i}: ${item.problem}` : item.problem };
    out.push(item.value);
  }
  return ok(out);
}

/** An object of string lists, e.g. qemu_img_args { "convert": ["-o", "x"] }. */
export function coerceStringListMap(value: JsonValue): Coerced<Record<string, string[]>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad('an object of string lists', value);
  const out: Record<string, string[]> = {};
  for (const [key, element] of Object.entries(value)) {
    const item = coerceStringList(element);
    if (!item.ok) return { ok: false, problem: `key ${JSON.stringify(key)}: ${item.problem}` };
    out[key] = item.value;
  }
  return ok(out);
}
