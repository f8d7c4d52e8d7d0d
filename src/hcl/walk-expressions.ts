// Every expression in a body or expression, outermost first: what scans of a configuration (references,
// function calls) walk, so each scan only says what it looks for.

import type { Body, Expression, TemplatePart } from './ast.js';
import { HclSyntaxError } from './errors.js';
import type { JsonBody } from './json/json-ast.js';
import { jsonExpression } from './json/json-expression.js';

export type ExpressionVisitor = (expr: Expression) => void;

/** Visits each attribute's expression, in nested blocks too. */
export function forEachBodyExpression(body: Body | JsonBody, visit: ExpressionVisitor): void {
  if (body.kind === 'JsonBody') {
    // Every JSON string is a template; one that does not parse is reported when its body is decoded.
    try {
      forEachExpression(jsonExpression(body.value, body.locator), visit);
    } catch (error) {
      if (!(error instanceof HclSyntaxError)) throw error;
    }
    return;
  }
  for (const item of body.items)
    if (item.kind === 'Attribute') forEachExpression(item.expr, visit);
    else forEachBodyExpression(item.body, visit);
}

export function forEachExpression(expr: Expression, visit: ExpressionVisitor): void {
  visit(expr);
  for (const child of childExpressions(expr)) forEachExpression(child, visit);
}

/** The expressions directly inside one (a bareword object key is a name, not an expression). */
export function childExpressions(expr: Expression): Expression[] {
  switch (expr.kind) {
    case 'GetAttr':
      return [expr.source];
    case 'Index':
      return [expr.source, expr.key];
    case 'Splat':
      return [expr.source, expr.each];
    case 'FunctionCall':
      return [...expr.args];
    case 'Tuple':
      return [...expr.items];
    case 'Object':
      return expr.items.flatMap((item) =>
        item.key.bareword === undefined ? [item.key.expr, item.value] : [item.value],
      );
    case 'Paren':
      return [expr.expr];
    case 'Unary':
      return [expr.operand];
    case 'Binary':
      return [expr.left, expr.right];
    case 'Conditional':
      return [expr.condition, expr.then, expr.otherwise];
    case 'For':
      return [expr.collection, expr.keyExpr, expr.valueExpr, expr.condition].filter(
        (e): e is Expression => e !== undefined,
      );
    case 'Template':
      return partExpressions(expr.parts);
    default:
      return [];
  }
}

/** A quoted string without interpolations: its text (what scans take as a literal argument or key). */
export function literalText(expr: Expression): string | undefined {
  if (expr.kind !== 'Template') return undefined;
  if (expr.parts.length === 0) return '';
  const [only] = expr.parts;
  return expr.parts.length === 1 && only?.kind === 'Literal' ? only.value : undefined;
}

function partExpressions(parts: readonly TemplatePart[]): Expression[] {
  return parts.flatMap((part): Expression[] => {
    if (part.kind === 'Interpolation') return [part.expr];
    if (part.kind === 'If')
      return [part.condition, ...partExpressions(part.then), ...partExpressions(part.otherwise)];
    if (part.kind === 'For') return [part.collection, ...partExpressions(part.body)];
    return [];
  });
}
