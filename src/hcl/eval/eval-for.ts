// `[for k, v in coll : value if cond]` and `{for k, v in coll : key => value... if cond}`.

import type { ForExpr } from '../ast.js';
import type { EvalContext } from './context.js';
import type { Evaluation } from './evaluation.js';
import {
  asBool,
  asString,
  type HclValue,
  isMapping,
  isSequence,
  num,
  object,
  str,
  tuple,
  typeName,
} from './values.js';

/** Key/value pairs of a collection, in cty's iteration order (index order, or sorted keys). */
export function iterate(
  ev: Evaluation,
  collection: HclValue,
  range: ForExpr['range'],
): [HclValue, HclValue][] {
  if (collection.type === 'null')
    return ev.fail(
      'Iteration over null value',
      "A null value cannot be used as the collection in a 'for' expression.",
      range,
    );
  if (isSequence(collection)) return collection.items.map((item, i) => [num(i), item]);
  if (isMapping(collection))
    return [...collection.attrs]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [str(k), v]);
  return ev.fail(
    'Iteration over non-iterable value',
    `A value of type ${typeName(collection)} cannot be used as the collection in a 'for' expression.`,
    range,
  );
}

export function evaluateFor(ev: Evaluation, expr: ForExpr, ctx: EvalContext): HclValue {
  const pairs = iterate(ev, ev.evaluate(expr.collection, ctx), expr.collection.range);
  const values: HclValue[] = [];
  const groups = new Map<string, HclValue[]>();
  for (const [key, value] of pairs) {
    const scope = new Map([[expr.valueVar, value]]);
    if (expr.keyVar !== undefined) scope.set(expr.keyVar, key);
    const inner = ctx.with(scope);
    if (expr.condition) {
      const keep = asBool(ev.evaluate(expr.condition, inner));
      if (keep === undefined)
        ev.fail(
          "Invalid 'for' condition",
          "The 'if' clause value is invalid: a bool is required.",
          expr.condition.range,
        );
      if (!keep) continue;
    }
    if (!expr.keyExpr) {
      values.push(ev.evaluate(expr.valueExpr, inner));
      continue;
    }
    const name = asString(ev.evaluate(expr.keyExpr, inner));
    if (name === undefined)
      return ev.fail(
        'Invalid object key',
        'The key expression produced an invalid result: a string is required.',
        expr.keyExpr.range,
      );
    const group = groups.get(name);
    if (group && !expr.group)
      return ev.fail(
        'Duplicate object key',
        `Two different items produced the key "${name}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
        expr.keyExpr.range,
      );
    const item = ev.evaluate(expr.valueExpr, inner);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  if (!expr.keyExpr) return tuple(values);
  return object(
    [...groups].map(([k, items]) => [k, expr.group ? tuple(items) : (items[0] as HclValue)] as const),
  );
}
