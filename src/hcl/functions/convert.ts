// cty's automatic conversions for function parameters (convert.Convert): number ↔ string, bool ↔ string, tuple →
// list, object → map, with cty's error texts. Sets have no value kind of their own here: a set is a list with
// duplicates removed, in cty's set order (numbers ascending, strings lexically).

import { HclFunctionError } from '../eval/function-error.js';
import {
  asBool,
  asNumber,
  asString,
  equalValues,
  type HclValue,
  isMapping,
  isSequence,
  numberText,
  str,
} from '../eval/values.js';

/** Converts a value or throws the conversion failure's message (without the argument's position). */
export type Converter = (v: HclValue) => HclValue;

export class ConversionError extends Error {}

export const anyValue: Converter = (v) => v;

export const toStr: Converter = (v) => {
  if (v.type === 'null') return v;
  const s = asString(v);
  if (s === undefined) throw new ConversionError('string required');
  return str(s);
};

export const toNum: Converter = (v) => {
  if (v.type === 'null' || v.type === 'number') return v;
  const n = asNumber(v);
  if (n !== undefined) return { type: 'number', value: n };
  throw new ConversionError(v.type === 'string' ? 'a number is required' : 'number required');
};

export const toBoolean: Converter = (v) => {
  if (v.type === 'null' || v.type === 'bool') return v;
  const b = asBool(v);
  if (b !== undefined) return { type: 'bool', value: b };
  throw new ConversionError(v.type === 'string' ? 'a bool is required' : 'bool required');
};

const NAMES = new Map<Converter, string>([
  [toStr, 'string'],
  [toNum, 'number'],
  [toBoolean, 'bool'],
]);

export function listOf(elem: Converter, kind = 'list'): Converter {
  const converter: Converter = (v) => {
    if (v.type === 'null') return v;
    if (!isSequence(v))
      throw new ConversionError(`${kind} of ${NAMES.get(elem) ?? 'any single type'} required`);
    return { type: 'list', items: v.items.map(elem) };
  };
  return converter;
}

export function mapOf(elem: Converter): Converter {
  return (v) => {
    if (v.type === 'null') return v;
    if (!isMapping(v)) throw new ConversionError(`map of ${NAMES.get(elem) ?? 'any single type'} required`);
    return { type: 'map', attrs: new Map([...v.attrs].map(([k, item]) => [k, elem(item)] as const)) };
  };
}

export function setOf(elem: Converter): Converter {
  const list = listOf(elem, 'set');
  return (v) => {
    const converted = list(v);
    return converted.type === 'null' ? converted : asSet(converted);
  };
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

/** Applies a converter to argument `index`, reporting failure as that argument's error. */
export function convertArg(convert: Converter, v: HclValue, index: number): HclValue {
  try {
    return convert(v);
  } catch (error) {
    if (error instanceof ConversionError) throw new HclFunctionError(error.message, index);
    throw error;
  }
}
