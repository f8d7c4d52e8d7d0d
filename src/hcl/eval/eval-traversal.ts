// `a.b`, `a[k]`, `a.0` and splats `a[*].b`, `a.*.b` with hcl's messages for what cannot be traversed.

import type { Expression, IndexExpr, SplatExpr } from '../ast.js';
import type { EvalContext } from './context.js';
import type { Evaluation } from './evaluation.js';
import { asNumber, asString, type HclValue, isMapping, isSequence, tuple, typeName } from './values.js';

export function evaluateGetAttr(
  ev: Evaluation,
  expr: Expression & { kind: 'GetAttr' },
  ctx: EvalContext,
): HclValue {
  const source = ev.evaluate(expr.source, ctx);
  if (source.type === 'null')
    return ev.fail(
      'Attempt to get attribute from null value',
      'This value is null, so it does not have any attributes.',
      expr.range,
    );
  if (!isMapping(source))
    return ev.fail(
      'Unsupported attribute',
      `Can't access attributes on a primitive-typed value (${typeName(source)}).`,
      expr.range,
    );
  const value = source.attrs.get(expr.name);
  if (value === undefined)
    return ev.fail(
      'Unsupported attribute',
      source.type === 'map'
        ? `The map does not have an element with the key "${expr.name}".`
        : `This object does not have an attribute named "${expr.name}".`,
      expr.range,
    );
  return value;
}

export function evaluateIndex(ev: Evaluation, expr: IndexExpr, ctx: EvalContext): HclValue {
  const source = ev.evaluate(expr.source, ctx);
  const key = ev.evaluate(expr.key, ctx);
  const invalid = (detail: string): never => ev.fail('Invalid index', detail, expr.key.range);
  if (source.type === 'null') return invalid('This value is null, so it does not have any indices.');
  if (key.type === 'null') return invalid("Can't use a null value as an indexing key.");
  if (isSequence(source)) {
    const n = asNumber(key);
    if (n === undefined || !Number.isInteger(n))
      return invalid(
        'The given key does not identify an element in this collection value: a whole number is required.',
      );
    const item = source.items[n];
    if (item === undefined || n < 0)
      return invalid(
        'The given key does not identify an element in this collection value: the collection has no element for this index.',
      );
    return item;
  }
  if (isMapping(source)) {
    const name = asString(key);
    if (name === undefined)
      return invalid(
        'The given key does not identify an element in this collection value: a string is required.',
      );
    const value = source.attrs.get(name);
    if (value === undefined)
      return invalid(`The given key does not identify an element in this collection value.`);
    return value;
  }
  return invalid(`This value does not have any indices (it is a ${typeName(source)}).`);
}

/** The traversal `each` on every element; a null source is an empty tuple, a non-sequence a one-element one. */
export function evaluateSplat(ev: Evaluation, expr: SplatExpr, ctx: EvalContext): HclValue {
  const source = ev.evaluate(expr.source, ctx);
  if (source.type === 'null') return tuple([]);
  const items = isSequence(source) ? source.items : [source];
  return tuple(items.map((item) => ev.evaluate(expr.each, ctx.withSplatItem(item))));
}
