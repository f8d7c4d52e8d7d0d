// Unary and binary operators with HCL's operand conversions: arithmetic and comparison take numbers (a numeric
// string converts), `&&`/`||`/`!` take bools, `==`/`!=` compare any two values.

import type { BinaryExpr, Expression } from '../ast.js';
import type { EvalContext } from './context.js';
import type { Evaluation } from './evaluation.js';
import { asBool, asNumber, bool, equalValues, type HclValue, num, typeName } from './values.js';

export function evaluateUnary(
  ev: Evaluation,
  expr: Expression & { kind: 'Unary' },
  ctx: EvalContext,
): HclValue {
  const operand = ev.evaluate(expr.operand, ctx);
  if (expr.op === '!') return bool(!boolOperand(ev, operand, expr.operand));
  return num(-numberOperand(ev, operand, expr.operand));
}

export function evaluateBinary(ev: Evaluation, expr: BinaryExpr, ctx: EvalContext): HclValue {
  const { op } = expr;
  if (op === '&&' || op === '||') return evaluateLogical(ev, expr, ctx);
  const left = ev.evaluate(expr.left, ctx);
  const right = ev.evaluate(expr.right, ctx);
  if (op === '==' || op === '!=') return bool(equalValues(left, right) === (op === '=='));
  const a = numberOperand(ev, left, expr.left);
  const b = numberOperand(ev, right, expr.right);
  switch (op) {
    case '+':
      return num(a + b);
    case '-':
      return num(a - b);
    case '*':
      return num(a * b);
    case '/':
      // As cty: x/0 is ±Inf; only 0/0 and Inf/Inf fail.
      if (Number.isNaN(a / b))
        return operationFailed(ev, "can't divide zero by zero or infinity by infinity", expr);
      return num(a / b);
    case '%':
      if (b === 0 || !Number.isFinite(a))
        return operationFailed(ev, "can't use modulo with zero and infinity", expr);
      return num(a % b);
    case '<':
      return bool(a < b);
    case '<=':
      return bool(a <= b);
    case '>':
      return bool(a > b);
    case '>=':
      return bool(a >= b);
  }
}

/**
 * As hclsyntax: both sides are evaluated, and a side that decides the result (true for `||`, false for `&&`)
 * wins even when the other side failed or is null.
 */
function evaluateLogical(ev: Evaluation, expr: BinaryExpr, ctx: EvalContext): HclValue {
  const deciding = expr.op === '||';
  const sides = [expr.left, expr.right].map((side) => {
    try {
      const value = ev.evaluate(side, ctx);
      return { side, value, bool: asBool(value), error: undefined };
    } catch (error) {
      return { side, value: undefined, bool: undefined, error };
    }
  });
  if (sides.some((s) => s.bool === deciding)) return bool(deciding);
  for (const s of sides) {
    if (s.error !== undefined) throw s.error;
    boolOperand(ev, s.value as HclValue, s.side);
  }
  return bool(!deciding);
}

function operationFailed(ev: Evaluation, why: string, expr: BinaryExpr): never {
  return ev.fail('Operation failed', `Error during operation: ${why}.`, expr.range);
}

function numberOperand(ev: Evaluation, value: HclValue, expr: Expression): number {
  const n = asNumber(value);
  if (n === undefined) {
    const why =
      value.type === 'null' ? 'argument must not be null' : `a number is required, not ${typeName(value)}`;
    return ev.fail('Invalid operand', `Unsuitable value for operand: ${why}.`, expr.range);
  }
  return n;
}

function boolOperand(ev: Evaluation, value: HclValue, expr: Expression): boolean {
  const b = asBool(value);
  if (b === undefined) {
    const why =
      value.type === 'null' ? 'argument must not be null' : `a bool is required, not ${typeName(value)}`;
    return ev.fail('Invalid operand', `Unsuitable value for operand: ${why}.`, expr.range);
  }
  return b;
}
