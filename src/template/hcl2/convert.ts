// cty's convert.Convert for the types a variable can have: strings, numbers and bools convert into one
// another where cty allows, collections element by element. Errors carry cty's message (without the path,
// as Packer prints err.Error()).

import {
  asBool,
  asNumber,
  asString,
  equalValues,
  type HclValue,
  isMapping,
  isSequence,
  object,
} from '../../hcl/eval/index.js';
import { friendlyTypeName, type HclType } from './type-constraint.js';

export class ConvertError extends Error {}

export function convertValue(value: HclValue, type: HclType): HclValue {
  if (type.kind === 'any' || value.type === 'null') return value;
  const required = (): never => {
    throw new ConvertError(`${friendlyTypeName(type)} required`);
  };
  switch (type.kind) {
    case 'string': {
      const text = isMapping(value) || isSequence(value) ? undefined : asString(value);
      return text === undefined ? required() : { type: 'string', value: text };
    }
    case 'number': {
      if (value.type === 'string' && asNumber(value) === undefined)
        throw new ConvertError('a number is required');
      const n = value.type === 'string' || value.type === 'number' ? asNumber(value) : undefined;
      return n === undefined ? required() : { type: 'number', value: n };
    }
    case 'bool': {
      if (value.type === 'string' && asBool(value) === undefined)
        throw new ConvertError('a bool is required');
      const b = value.type === 'string' || value.type === 'bool' ? asBool(value) : undefined;
      return b === undefined ? required() : { type: 'bool', value: b };
    }
    case 'list':
    case 'set': {
      if (!isSequence(value)) return required();
      const items = value.items.map((item) => convertValue(item, type.element));
      return { type: 'list', items: type.kind === 'set' ? setOrder(items) : items };
    }
    case 'map': {
      if (!isMapping(value)) return required();
      const attrs = [...value.attrs].map(([k, v]): [string, HclValue] => [k, convertValue(v, type.element)]);
      return { type: 'map', attrs: new Map(attrs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
    }
    case 'object': {
      if (!isMapping(value)) return required();
      for (const name of value.attrs.keys())
        if (!type.attrs.has(name)) throw new ConvertError(`unsupported attribute "${name}"`);
      const attrs: [string, HclValue][] = [];
      for (const [name, attrType] of type.attrs) {
        const attr = value.attrs.get(name);
        if (attr === undefined) throw new ConvertError(`attribute "${name}" is required`);
        attrs.push([name, convertValue(attr, attrType)]);
      }
      return object(attrs);
    }
    case 'tuple': {
      if (!isSequence(value) || value.items.length !== type.items.length) return required();
      return {
        type: 'tuple',
        items: value.items.map((item, i) => convertValue(item, type.items[i] as HclType)),
      };
    }
  }
}

/** A set holds each value once, in cty's order: strings sorted, numbers ascending, others as given. */
function setOrder(items: readonly HclValue[]): HclValue[] {
  const unique: HclValue[] = [];
  for (const item of items) if (!unique.some((seen) => equalValues(seen, item))) unique.push(item);
  return unique.sort((a, b) => {
    if (a.type === 'number' && b.type === 'number') return a.value - b.value;
    if (a.type === 'string' && b.type === 'string') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return 0;
  });
}
