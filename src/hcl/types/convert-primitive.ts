// cty's conversions between primitives (string ↔ number, string ↔ bool) with its error texts, and its set
// semantics. Sets have no value kind of their own here: a set is a list with duplicates removed, in cty's set
// order (numbers ascending, strings lexically).

import {
  asBool,
  asNumber,
  asString,
  equalValues,
  type HclValue,
  isSequence,
  numberText,
  str,
} from '../eval/values.js';

/** A conversion failure: cty's message, without the path (as Packer prints err.Error()). */
export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

export function convertToString(v: HclValue): HclValue {
  if (v.type === 'null') return v;
  const s = asString(v);
  if (s === undefined) throw new ConversionError('string required');
  return str(s);
}

export function convertToNumber(v: HclValue): HclValue {
  if (v.type === 'null' || v.type === 'number') return v;
  const n = asNumber(v);
  if (n !== undefined) return { type: 'number', value: n };
  throw new ConversionError(v.type === 'string' ? 'a number is required' : 'number required');
}

export function convertToBool(v: HclValue): HclValue {
  if (v.type === 'null' || v.type === 'bool') return v;
  const b = asBool(v);
  if (b !== undefined) return { type: 'bool', value: b };
  throw new ConversionError(v.type === 'string' ? 'a bool is required' : 'bool required');
}

/** A list with duplicates removed and cty's set ordering. */
export function asSet(v: HclValue): HclValue {
  const items: HclValue[] = [];
  for (const item of isSequence(v) ? v.items : [])
    if (!items.some((seen) => equalValues(seen, item))) items.push(item);
  return { type: 'list', items: items.sort(setOrder) };
}

function setOrder(a: HclValue, b: HclValue): number {
  if (a.type === 'number' && b.type === 'number') return a.value - b.value;
  const ka = setKey(a);
  const kb = setKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function setKey(v: HclValue): string {
  if (v.type === 'number') return numberText(v.value);
  if (v.type === 'string') return v.value;
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x] : x));
}
