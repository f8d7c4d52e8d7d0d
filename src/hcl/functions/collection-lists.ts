// List functions from cty's stdlib (collection.go, sequence.go) and Packer's own index and length.

import { HclFunctionError } from '../eval/function-error.js';
import { equalValues, type HclValue, isMapping, isSequence, num, typeName } from '../eval/values.js';
import { anyValue, listOf, toNum, toStr } from './convert.js';
import { graphemes, wholeNumber } from './graphemes.js';
import { range } from './range.js';
import { define, type FunctionTable, items, number, text } from './spec.js';

const list = (items: readonly HclValue[]): HclValue => ({ type: 'list', items });
const any = (name: string, allowNull = false) => ({ name, type: anyValue, allowNull });
const n = (name: string) => ({ name, type: toNum });

function whole(v: HclValue | undefined, index: number, prefix = ''): number {
  try {
    return wholeNumber(number(v));
  } catch (error) {
    throw new HclFunctionError(`${prefix}${(error as Error).message}`, index);
  }
}

function sequence(v: HclValue | undefined, message: string, index?: number): readonly HclValue[] {
  if (v === undefined || !isSequence(v)) throw new HclFunctionError(message, index);
  return v.items;
}

/** Keeps a tuple a tuple and a list a list, as cty's result types do. */
const like = (source: HclValue, out: readonly HclValue[]): HclValue => ({
  type: source.type === 'tuple' ? 'tuple' : 'list',
  items: out,
});

function flatten(values: readonly HclValue[]): HclValue[] {
  return values.flatMap((v) => (isSequence(v) ? flatten(v.items) : [v]));
}

export const LIST_FUNCTIONS: FunctionTable = new Map([
  [
    'chunklist',
    define([{ name: 'list', type: listOf(anyValue) }, n('size')], ([l, size]) => {
      const k = whole(size, 1, 'invalid size: ');
      if (k < 0) throw new HclFunctionError('the size argument must be positive', 1);
      const xs = items(l);
      if (k === 0) return list([list(xs)]);
      const out: HclValue[] = [];
      for (let i = 0; i < xs.length; i += k) out.push(list(xs.slice(i, i + k)));
      return list(out);
    }),
  ],
  [
    'coalescelist',
    define(
      [],
      (args) => {
        if (args.length === 0) throw new HclFunctionError('at least one argument is required');
        for (const arg of args) {
          if (arg.type === 'null') continue;
          if (!isSequence(arg)) throw new HclFunctionError('coalescelist arguments must be lists or tuples');
          if (arg.items.length > 0) return arg;
        }
        throw new HclFunctionError('no non-null arguments');
      },
      any('vals', true),
    ),
  ],
  [
    'compact',
    define([{ name: 'list', type: listOf(toStr) }], ([l]) =>
      list(items(l).filter((v) => v.type !== 'null' && text(v) !== '')),
    ),
  ],
  [
    'concat',
    define(
      [],
      (args) => {
        if (args.length === 0) throw new HclFunctionError('at least one argument is required');
        const out = args.flatMap((arg, i) =>
          sequence(arg, `all arguments must be lists or tuples; got ${typeName(arg)}`, i),
        );
        return args.every((a) => a.type === 'list') ? list(out) : { type: 'tuple', items: out };
      },
      any('seqs'),
    ),
  ],
  [
    'contains',
    define([any('list'), any('value', true)], ([l, value]) => {
      const xs = sequence(l as HclValue, 'argument must be list, tuple, or set');
      return { type: 'bool', value: xs.some((x) => equalValues(x, value as HclValue)) };
    }),
  ],
  [
    'distinct',
    define([{ name: 'list', type: listOf(anyValue) }], ([l]) => {
      const out: HclValue[] = [];
      for (const x of items(l)) if (!out.some((seen) => equalValues(seen, x))) out.push(x);
      return list(out);
    }),
  ],
  [
    'element',
    define([any('list'), n('index')], ([l, index]) => {
      const source = l as HclValue;
      if (!isSequence(source)) throw new HclFunctionError(`cannot read elements from ${typeName(source)}`);
      const i = whole(index, 1, 'invalid index: ');
      if (source.items.length === 0)
        throw new HclFunctionError('cannot use element function with an empty list');
      const len = source.items.length;
      return source.items[((i % len) + len) % len] as HclValue;
    }),
  ],
  [
    'flatten',
    define([any('list')], ([l]) =>
      list(flatten(sequence(l as HclValue, 'can only flatten lists, sets and tuples'))),
    ),
  ],
  [
    'index',
    define([any('list'), any('value')], ([l, value]) => {
      const xs = sequence(l as HclValue, 'argument must be a list or tuple');
      if (xs.length === 0) throw new HclFunctionError('cannot search an empty list');
      const at = xs.findIndex((x) => equalValues(x, value as HclValue));
      if (at < 0) throw new HclFunctionError('item not found');
      return num(at);
    }),
  ],
  [
    'length',
    define([any('value')], ([v]) => {
      const value = v as HclValue;
      if (value.type === 'string') return num(graphemes(value.value).length);
      if (isSequence(value)) return num(value.items.length);
      if (isMapping(value)) return num(value.attrs.size);
      throw new HclFunctionError('argument must be a string, a collection type, or a structural type');
    }),
  ],
  ['range', define([], range, n('params'))],
  [
    'reverse',
    define([any('list')], ([l]) => {
      const source = l as HclValue;
      const xs = sequence(source, `can only reverse list or tuple values, not ${typeName(source)}`, 0);
      return like(source, [...xs].reverse());
    }),
  ],
  [
    'slice',
    define([any('list'), n('start_index'), n('end_index')], ([l, a, b]) => {
      const source = l as HclValue;
      const xs = sequence(source, 'must be a list or tuple value', 0);
      const start = whole(a, 1, 'invalid start index: ');
      const end = whole(b, 2, 'invalid end index: ');
      if (start < 0) throw new HclFunctionError('start index must not be less than zero', 1);
      if (start > xs.length)
        throw new HclFunctionError('start index must not be greater than the length of the list', 1);
      if (end < 0) throw new HclFunctionError('end index must not be less than zero', 2);
      if (end > xs.length)
        throw new HclFunctionError('end index must not be greater than the length of the list', 2);
      if (start > end) throw new HclFunctionError('start index must not be greater than end index', 1);
      return like(source, xs.slice(start, end));
    }),
  ],
  [
    'sort',
    define([{ name: 'list', type: listOf(toStr) }], ([l]) => {
      const xs = items(l);
      xs.forEach((x, i) => {
        if (x.type === 'null')
          throw new HclFunctionError(`given list element ${i} is null; a null string cannot be sorted`);
      });
      return list([...xs].sort((x, y) => (text(x) < text(y) ? -1 : text(x) > text(y) ? 1 : 0)));
    }),
  ],
]);
