// Type constraints for convert() and the to* functions (hcl's typeexpr and cty's convert): primitives, `any`,
// collections, tuple and object types, read from expression syntax and applied to values.

import type { Expression } from '../ast.js';
import { type HclValue, isMapping, isSequence } from '../eval/values.js';
import { asSet, ConversionError, toBoolean, toNum, toStr } from './convert.js';

export type HclType =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly elem: HclType }
  | { readonly kind: 'tuple'; readonly elems: readonly HclType[] }
  | { readonly kind: 'object'; readonly attrs: ReadonlyMap<string, HclType> };

export const ANY: HclType = { kind: 'any' };

/** cty's FriendlyNameForConstraint. */
export function typeText(t: HclType): string {
  switch (t.kind) {
    case 'any':
      return 'any single type';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${typeText(t.elem)}`;
    case 'tuple':
    case 'object':
      return t.kind;
    default:
      return t.kind;
  }
}

/** Reads `list(string)`, `object({a = number})`… as typeexpr does; undefined when it is no type expression. */
export function typeFromExpr(expr: Expression): HclType | undefined {
  if (expr.kind === 'Variable')
    return ['string', 'number', 'bool', 'any'].includes(expr.name)
      ? ({ kind: expr.name } as HclType)
      : undefined;
  if (expr.kind !== 'FunctionCall' || expr.name.length !== 1 || expr.args.length !== 1) return undefined;
  const [name] = expr.name;
  const arg = expr.args[0] as Expression;
  if (name === 'list' || name === 'set' || name === 'map') {
    const elem = typeFromExpr(arg);
    return elem && { kind: name, elem };
  }
  if (name === 'tuple' && arg.kind === 'Tuple') {
    const elems = arg.items.map(typeFromExpr);
    return elems.every((e) => e !== undefined) ? { kind: 'tuple', elems: elems as HclType[] } : undefined;
  }
  if (name === 'object' && arg.kind === 'Object') {
    const attrs = new Map<string, HclType>();
    for (const item of arg.items) {
      const key = item.key.bareword;
      const t = typeFromExpr(item.value);
      if (key === undefined || t === undefined) return undefined;
      attrs.set(key, t);
    }
    return { kind: 'object', attrs };
  }
  return undefined;
}

/** Converts to the type or throws a ConversionError with cty's wording. */
export function convertTo(v: HclValue, t: HclType): HclValue {
  if (v.type === 'null' || t.kind === 'any') return v;
  const mismatch = () => new ConversionError(`${typeText(t)} required`);
  switch (t.kind) {
    case 'string':
      return toStr(v);
    case 'number':
      return toNum(v);
    case 'bool':
      return toBoolean(v);
    case 'list':
    case 'set': {
      if (!isSequence(v)) throw mismatch();
      const converted = unify(
        v.items.map((item) => convertTo(item, t.elem)),
        t,
      );
      const list: HclValue = { type: 'list', items: converted };
      return t.kind === 'set' ? asSet(list) : list;
    }
    case 'map': {
      if (!isMapping(v)) throw mismatch();
      const keys = [...v.attrs.keys()];
      const values = unify(
        keys.map((k) => convertTo(v.attrs.get(k) as HclValue, t.elem)),
        t,
      );
      return { type: 'map', attrs: new Map(keys.map((k, i) => [k, values[i] as HclValue])) };
    }
    case 'tuple':
      if (!isSequence(v) || v.items.length !== t.elems.length) throw mismatch();
      return { type: 'tuple', items: v.items.map((item, i) => convertTo(item, t.elems[i] as HclType)) };
    case 'object': {
      if (!isMapping(v)) throw mismatch();
      const attrs = new Map<string, HclValue>();
      for (const [name, at] of t.attrs) {
        const item = v.attrs.get(name);
        if (item === undefined) throw new ConversionError(`attribute "${name}" is required`);
        attrs.set(name, convertTo(item, at));
      }
      return { type: 'object', attrs };
    }
  }
}

/** A collection of `any` takes one element type: mixed primitives become strings, mixed structures fail. */
function unify(values: readonly HclValue[], t: HclType & { elem: HclType }): HclValue[] {
  if (t.elem.kind !== 'any') return [...values];
  const kinds = new Set(values.filter((x) => x.type !== 'null').map((x) => x.type));
  if (kinds.size <= 1) return [...values];
  if ([...kinds].every((k) => k === 'string' || k === 'number' || k === 'bool')) return values.map(toStr);
  throw new ConversionError(`all ${t.kind === 'map' ? 'map' : t.kind} elements must have the same type`);
}
