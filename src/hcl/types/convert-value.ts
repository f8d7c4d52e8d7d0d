// cty's convert.Convert to a type constraint: primitives convert into one another where cty allows, collections
// element by element (a collection of `any` unifies its elements to one type), objects keep the attributes of
// the target type, and optional attributes take their typeexpr defaults.

import { type HclValue, isMapping, isSequence, NULL, object } from '../eval/values.js';
import {
  asSet,
  ConversionError,
  convertToBool,
  convertToNumber,
  convertToString,
} from './convert-primitive.js';
import { attributeDefault, type HclType, typeText } from './hcl-type.js';

export { ConversionError } from './convert-primitive.js';

/** Converts to the type or throws a ConversionError with cty's wording. */
export function convertValue(v: HclValue, t: HclType): HclValue {
  if (v.type === 'null' || t.kind === 'any') return v;
  const mismatch = () => new ConversionError(`${typeText(t)} required`);
  switch (t.kind) {
    case 'string':
      return convertToString(v);
    case 'number':
      return convertToNumber(v);
    case 'bool':
      return convertToBool(v);
    case 'list':
    case 'set': {
      if (!isSequence(v)) throw mismatch();
      const items = unify(
        v.items.map((item) => convertValue(item, t.elem)),
        t,
      );
      const list: HclValue = { type: 'list', items };
      return t.kind === 'set' ? asSet(list) : list;
    }
    case 'map': {
      if (!isMapping(v)) throw mismatch();
      const keys = [...v.attrs.keys()].sort();
      const values = unify(
        keys.map((k) => convertValue(v.attrs.get(k) as HclValue, t.elem)),
        t,
      );
      return { type: 'map', attrs: new Map(keys.map((k, i) => [k, values[i] as HclValue])) };
    }
    case 'tuple':
      if (!isSequence(v) || v.items.length !== t.elems.length) throw mismatch();
      return { type: 'tuple', items: v.items.map((item, i) => convertValue(item, t.elems[i] as HclType)) };
    case 'object':
      if (!isMapping(v)) throw mismatch();
      return convertObject(v.attrs, t);
  }
}

/** Attributes the type does not name are dropped, as cty's conversionObjectToObject does. */
function convertObject(given: ReadonlyMap<string, HclValue>, t: HclType & { kind: 'object' }): HclValue {
  const missing = [...t.attrs.keys()].filter((name) => !given.has(name) && !t.optional?.has(name)).sort();
  if (missing.length > 0) throw new ConversionError(missingText(missing));
  return object(
    [...t.attrs].map(([name, at]) => {
      const item = given.get(name);
      const value = item === undefined || item.type === 'null' ? (attributeDefault(t, name) ?? NULL) : item;
      return [name, convertValue(value, at)] as const;
    }),
  );
}

/** cty's mismatch message for absent attributes: `attributes "a", "b", and "c" are required`. */
function missingText(names: readonly string[]): string {
  const quoted = names.map((n) => JSON.stringify(n));
  if (quoted.length === 1) return `attribute ${quoted[0]} is required`;
  if (quoted.length === 2) return `attributes ${quoted[0]} and ${quoted[1]} are required`;
  return `attributes ${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)} are required`;
}

/** A collection of `any` takes one element type: mixed primitives become strings, mixed structures fail. */
function unify(values: readonly HclValue[], t: HclType & { elem: HclType }): HclValue[] {
  if (t.elem.kind !== 'any') return [...values];
  const kinds = new Set(values.filter((x) => x.type !== 'null').map((x) => x.type));
  if (kinds.size <= 1) return [...values];
  if ([...kinds].every((k) => k === 'string' || k === 'number' || k === 'bool'))
    return values.map(convertToString);
  throw new ConversionError(`all ${t.kind} elements must have the same type`);
}
