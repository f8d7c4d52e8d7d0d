// cty's types as type constraints: primitives, `any` (cty.DynamicPseudoType), collections, and the structural
// tuple and object types (objects may have optional attributes, with typeexpr's defaults).

import { type HclValue, NULL } from '../eval/values.js';

export type HclType =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly elem: HclType }
  | { readonly kind: 'tuple'; readonly elems: readonly HclType[] }
  | {
      readonly kind: 'object';
      readonly attrs: ReadonlyMap<string, HclType>;
      /** optional(T[, default]) attributes: a missing or null one takes the default (null when none). */
      readonly optional?: ReadonlyMap<string, HclValue | undefined>;
    };

export const ANY: HclType = { kind: 'any' };

/** cty's FriendlyNameForConstraint, as conversion errors print types: "list of string", "any single type". */
export function typeText(t: HclType): string {
  switch (t.kind) {
    case 'any':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${t.elem.kind === 'any' ? 'any single type' : typeText(t.elem)}`;
    default:
      return t.kind;
  }
}

/** The value an absent or null optional attribute takes. */
export function attributeDefault(t: HclType & { kind: 'object' }, name: string): HclValue | undefined {
  if (!t.optional?.has(name)) return undefined;
  return t.optional.get(name) ?? NULL;
}

/** A value's own type (cty's Value.Type()), for a variable that takes its type from its default. */
export function typeOfValue(value: HclValue): HclType {
  switch (value.type) {
    case 'string':
    case 'number':
    case 'bool':
      return { kind: value.type };
    case 'null':
      return ANY;
    case 'tuple':
      return { kind: 'tuple', elems: value.items.map(typeOfValue) };
    case 'list':
      return { kind: 'list', elem: value.items[0] ? typeOfValue(value.items[0]) : ANY };
    case 'object':
      return { kind: 'object', attrs: new Map([...value.attrs].map(([k, v]) => [k, typeOfValue(v)])) };
    case 'map': {
      const first = [...value.attrs.values()][0];
      return { kind: 'map', elem: first ? typeOfValue(first) : ANY };
    }
  }
}
