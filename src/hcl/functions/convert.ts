// Function parameter types as converters: cty converts each argument to its parameter's type (convert.Convert)
// before the implementation runs. The conversions themselves are src/hcl/types'.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, isMapping, isSequence } from '../eval/values.js';
import {
  ConversionError,
  convertToBool,
  convertToNumber,
  convertToString,
  asSet as toSet,
} from '../types/index.js';

/** Converts a value or throws the conversion failure's message (without the argument's position). */
export type Converter = (v: HclValue) => HclValue;

export const anyValue: Converter = (v) => v;
export const toStr: Converter = convertToString;
export const toNum: Converter = convertToNumber;
export const toBoolean: Converter = convertToBool;
export const asSet: Converter = toSet;

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

/** Applies a converter to argument `index`, reporting failure as that argument's error. */
export function convertArg(convert: Converter, v: HclValue, index: number): HclValue {
  try {
    return convert(v);
  } catch (error) {
    if (error instanceof ConversionError) throw new HclFunctionError(error.message, index);
    throw error;
  }
}
