// Map and set functions from cty's stdlib (collection.go, set.go) and go-cty-funcs' coalesce. Sets are lists with
// duplicates removed in cty's set order (see convert.ts).

import { HclFunctionError } from '../eval/function-error.js';
import { equalValues, type HclValue, isMapping, isSequence, object, str, typeName } from '../eval/values.js';
import { anyValue, asSet, listOf, setOf, toStr } from './convert.js';
import { define, type FunctionTable, items, text } from './spec.js';

const list = (items: readonly HclValue[]): HclValue => ({ type: 'list', items });
const any = (name: string, allowNull = false) => ({ name, type: anyValue, allowNull });
const SET = setOf(anyValue);

function sortedEntries(v: HclValue): [string, HclValue][] {
  if (!isMapping(v)) return [];
  return [...v.attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function mapping(v: HclValue | undefined, message: string, index?: number): HclValue {
  if (v === undefined || !isMapping(v)) throw new HclFunctionError(message, index);
  return v;
}

function setProduct(sets: readonly HclValue[]): HclValue {
  if (sets.length < 2) throw new HclFunctionError('at least two arguments are required');
  sets.forEach((s, i) => {
    if (!isSequence(s)) throw new HclFunctionError('a set or a list is required', i);
  });
  let rows: HclValue[][] = [[]];
  for (const s of sets) rows = rows.flatMap((row) => items(s).map((x) => [...row, x]));
  const out = rows.map((row) => ({ type: 'list', items: row }) as HclValue);
  return sets.every((s) => s.type === 'list') ? list(out) : { type: 'tuple', items: out };
}

export const MAP_FUNCTIONS: FunctionTable = new Map([
  [
    'coalesce',
    define(
      [],
      (args) => {
        for (const arg of args)
          if (arg.type !== 'null' && !(arg.type === 'string' && arg.value === '')) return arg;
        throw new HclFunctionError('no non-null, non-empty-string arguments');
      },
      any('vals', true),
    ),
  ],
  [
    'keys',
    define([any('inputMap')], ([m]) => {
      const source = mapping(m, 'must have map or object type', 0);
      const keys = sortedEntries(source).map(([k]) => str(k));
      return source.type === 'map' ? list(keys) : { type: 'tuple', items: keys };
    }),
  ],
  [
    'lookup',
    define([any('inputMap'), { name: 'key', type: toStr }, any('default', true)], ([m, key, fallback]) => {
      const source = mapping(m, 'lookup() requires a map as the first argument', 0);
      const found = isMapping(source) ? source.attrs.get(text(key)) : undefined;
      return found ?? (fallback as HclValue);
    }),
  ],
  [
    'merge',
    define(
      [],
      (args) => {
        const attrs = new Map<string, HclValue>();
        for (const arg of args) {
          if (arg.type === 'null') continue;
          const source = mapping(arg, `arguments must be maps or objects, got "${typeName(arg)}"`);
          for (const [k, v] of isMapping(source) ? source.attrs : []) attrs.set(k, v);
        }
        return args.every((a) => a.type === 'map' || a.type === 'null') && args.length > 0
          ? { type: 'map', attrs: new Map(sortedEntries(object(attrs))) }
          : object(attrs);
      },
      any('maps', true),
    ),
  ],
  [
    'values',
    define([any('mapping')], ([m]) => {
      const source = mapping(m, 'values() requires a map as the first argument');
      const vals = sortedEntries(source).map(([, v]) => v);
      return source.type === 'map' ? list(vals) : { type: 'tuple', items: vals };
    }),
  ],
  [
    'zipmap',
    define([{ name: 'keys', type: listOf(toStr) }, any('values')], ([ks, vs]) => {
      const values = vs as HclValue;
      if (!isSequence(values)) throw new HclFunctionError('values argument must be a list or tuple value');
      const keys = items(ks);
      if (keys.length !== values.items.length)
        throw new HclFunctionError(
          `number of keys (${keys.length}) does not match number of values (${values.items.length})`,
        );
      const pairs = keys.map((k, i) => {
        if (k.type === 'null') throw new HclFunctionError(`keys list has null value at index ${i}`);
        return [text(k), values.items[i] as HclValue] as const;
      });
      return values.type === 'list' ? { type: 'map', attrs: new Map(pairs) } : object(pairs);
    }),
  ],
  [
    'setintersection',
    define(
      [{ name: 'first_set', type: SET }],
      ([first, ...others]) =>
        asSet(list(items(first).filter((x) => others.every((o) => items(o).some((y) => equalValues(x, y)))))),
      { name: 'other_sets', type: SET },
    ),
  ],
  [
    'setunion',
    define([{ name: 'first_set', type: SET }], (sets) => asSet(list(sets.flatMap(items))), {
      name: 'other_sets',
      type: SET,
    }),
  ],
  ['setproduct', define([], setProduct, any('sets'))],
]);
