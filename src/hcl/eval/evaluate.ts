// Evaluates an HCL expression tree to a value (hclsyntax's Value methods); no unknown values, and the function
// set is the caller's (Packer's comes later).

import type { Expression, ObjectExpr } from '../ast.js';
import type { SourceRange } from '../source-range.js';
import type { EvalContext } from './context.js';
import { evaluateCall } from './eval-call.js';
import { HclEvalError } from './eval-error.js';
import { evaluateFor } from './eval-for.js';
import { evaluateBinary, evaluateUnary } from './eval-operators.js';
import { evaluateTemplate } from './eval-template.js';
import { evaluateGetAttr, evaluateIndex, evaluateSplat } from './eval-traversal.js';
import type { Evaluation } from './evaluation.js';
import { asBool, asString, bool, type HclValue, NULL, num, object, tuple, typeName } from './values.js';

/** `text` (the file's source) adds a source frame to errors. */
export function evaluateExpression(expr: Expression, ctx: EvalContext, text?: string): HclValue {
  return new Evaluator(text).evaluate(expr, ctx);
}

class Evaluator implements Evaluation {
  constructor(private readonly text: string | undefined) {}

  fail(summary: string, detail: string, range: SourceRange): never {
    throw new HclEvalError(summary, detail, range, this.text);
  }

  evaluate(expr: Expression, ctx: EvalContext): HclValue {
    switch (expr.kind) {
      case 'Number':
        return num(Number(expr.text));
      case 'Bool':
        return bool(expr.value);
      case 'Null':
        return NULL;
      case 'Template':
        return evaluateTemplate(this, expr, ctx);
      case 'Variable': {
        const value = ctx.lookup(expr.name);
        if (value === undefined)
          return this.fail('Unknown variable', `There is no variable named "${expr.name}".`, expr.range);
        return value;
      }
      case 'SplatItem':
        return (
          ctx.splatItem ??
          this.fail('Invalid splat', 'A splat item is used outside of a splat expression.', expr.range)
        );
      case 'GetAttr':
        return evaluateGetAttr(this, expr, ctx);
      case 'Index':
        return evaluateIndex(this, expr, ctx);
      case 'Splat':
        return evaluateSplat(this, expr, ctx);
      case 'FunctionCall':
        return evaluateCall(this, expr, ctx);
      case 'Tuple':
        return tuple(expr.items.map((item) => this.evaluate(item, ctx)));
      case 'Object':
        return this.object(expr, ctx);
      case 'Paren':
        return this.evaluate(expr.expr, ctx);
      case 'Unary':
        return evaluateUnary(this, expr, ctx);
      case 'Binary':
        return evaluateBinary(this, expr, ctx);
      case 'Conditional': {
        const condition = this.evaluate(expr.condition, ctx);
        const pick = asBool(condition);
        if (pick === undefined) {
          const why =
            condition.type === 'null'
              ? 'the condition value is null'
              : `a bool is required, not ${typeName(condition)}`;
          return this.fail(
            'Incorrect condition type',
            `The condition expression must be of type bool: ${why}.`,
            expr.condition.range,
          );
        }
        return this.evaluate(pick ? expr.then : expr.otherwise, ctx);
      }
      case 'For':
        return evaluateFor(this, expr, ctx);
    }
  }

  private object(expr: ObjectExpr, ctx: EvalContext): HclValue {
    const attrs: [string, HclValue][] = [];
    for (const item of expr.items) {
      const key = item.key.bareword ?? asString(this.evaluate(item.key.expr, ctx));
      if (key === undefined)
        return this.fail(
          'Incorrect key type',
          "Can't use this value as a key: a string is required.",
          item.key.range,
        );
      attrs.push([key, this.evaluate(item.value, ctx)]);
    }
    return object(attrs);
  }
}
