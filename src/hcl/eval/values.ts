// HCL values, after cty's types: string, number, bool, null, tuple and object (what constructors make), list and
// map (what typed inputs such as variables hold). Numbers are IEEE doubles, not cty's arbitrary-precision floats:
// every value Packer templates use fits, and integers stay exact up to 2^53.

export type HclValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'tuple' | 'list'; readonly items: readonly HclValue[] }
  | { readonly type: 'object' | 'map'; readonly attrs: ReadonlyMap<string, HclValue> };

export const NULL: HclValue = { type: 'null' };
export const str = (value: string): HclValue => ({ type: 'string', value });
export const num = (value: number): HclValue => ({ type: 'number', value });
export const bool = (value: boolean): HclValue => ({ type: 'bool', value });
export const tuple = (items: readonly HclValue[]): HclValue => ({ type: 'tuple', items });
/** Object attributes in cty's order: sorted by name. */
export const object = (attrs: Iterable<readonly [string, HclValue]>): HclValue => ({
  type: 'object',
  attrs: new Map([...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
});

export type Sequence = HclValue & { readonly type: 'tuple' | 'list' };
export type Mapping = HclValue & { readonly type: 'object' | 'map' };

export const isSequence = (v: HclValue): v is Sequence => v.type === 'tuple' || v.type === 'list';
export const isMapping = (v: HclValue): v is Mapping => v.type === 'object' || v.type === 'map';

/** cty's number → string: no exponent, shortest digits that round-trip. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const text = String(n);
  if (!text.includes('e')) return text;
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** The automatic conversion to string that templates and string-typed operands use; undefined if none exists. */
export function asString(v: HclValue): string | undefined {
  if (v.type === 'string') return v.value;
  if (v.type === 'number') return numberText(v.value);
  if (v.type === 'bool') return String(v.value);
  return undefined;
}

/** string → number as cty converts it ("12", "1.5e3"); undefined if it does not convert. */
export function asNumber(v: HclValue): number | undefined {
  if (v.type === 'number') return v.value;
  if (v.type === 'string' && /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(v.value)) return Number(v.value);
  return undefined;
}

export function asBool(v: HclValue): boolean | undefined {
  if (v.type === 'bool') return v.value;
  if (v.type === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

/** HCL type names as its messages print them. */
export function typeName(v: HclValue): string {
  if (v.type === 'null') return 'null';
  if (v.type === 'tuple') return 'tuple';
  if (v.type === 'list') return 'list';
  if (v.type === 'object') return 'object';
  if (v.type === 'map') return 'map';
  return v.type;
}

/** `==`: cty equality — values of different kinds (1 and "1") are never equal. */
export function equalValues(a: HclValue, b: HclValue): boolean {
  if (a.type === 'null' || b.type === 'null') return a.type === b.type;
  if (isSequence(a) && isSequence(b))
    return (
      a.items.length === b.items.length &&
      a.items.every((item, i) => equalValues(item, b.items[i] as HclValue))
    );
  if (isMapping(a) && isMapping(b)) {
    if (a.attrs.size !== b.attrs.size) return false;
    for (const [key, value] of a.attrs) {
      const other = b.attrs.get(key);
      if (other === undefined || !equalValues(value, other)) return false;
    }
    return true;
  }
  if (a.type !== b.type) return false;
  return 'value' in a && 'value' in b && a.value === b.value;
}

/** Plain JSON-like rendering, for tests and messages. */
export function toPlain(v: HclValue): unknown {
  switch (v.type) {
    case 'null':
      return null;
    case 'tuple':
    case 'list':
      return v.items.map(toPlain);
    case 'object':
    case 'map':
      return Object.fromEntries([...v.attrs].map(([k, item]) => [k, toPlain(item)]));
    default:
      return v.value;
  }
}
