// Evaluates an expression, turning an evaluation error into a diagnostic (undefined result) so a load reports
// every problem, not just the first.

import {
  type EvalContext,
  evaluateExpression,
  HclEvalError,
  type HclValue,
  str,
} from '../../hcl/eval/index.js';
import type { Expression } from '../../hcl/index.js';
import { ConversionError, convertValue } from '../../hcl/types/index.js';
import type { Diagnostics } from './diagnostics.js';

export function evaluateInto(expr: Expression, ctx: EvalContext, diags: Diagnostics): HclValue | undefined {
  try {
    return evaluateExpression(expr, ctx);
  } catch (error) {
    if (!(error instanceof HclEvalError)) throw error;
    diags.error(error.summary, error.detail, error.range);
    return undefined;
  }
}

/**
 * What Packer decodes with no evaluation context (description, sensitive, error_message): a JSON string is its
 * text, `${` and all, as hcl's literal-only mode; anything else is evaluated.
 */
export function evaluateLiteral(
  expr: Expression,
  ctx: EvalContext,
  diags: Diagnostics,
): HclValue | undefined {
  return expr.kind === 'Template' && expr.json ? str(expr.json.value) : evaluateInto(expr, ctx, diags);
}

/**
 * gohcl.DecodeExpression into a Go string or bool. `evaluate`: with the block's context (a JSON string is a
 * template), or evaluateLiteral for what Packer decodes with none.
 */
export function decodeValue<K extends 'string' | 'bool'>(
  expr: Expression,
  kind: K,
  ctx: EvalContext,
  diags: Diagnostics,
  evaluate: typeof evaluateInto = evaluateInto,
): (K extends 'string' ? string : boolean) | undefined {
  const value = evaluate(expr, ctx, diags);
  if (value === undefined) return undefined;
  try {
    const converted = convertValue(value, { kind });
    if (converted.type === kind && 'value' in converted)
      return converted.value as K extends 'string' ? string : boolean;
  } catch (error) {
    if (!(error instanceof ConversionError)) throw error;
  }
  diags.error('Unsuitable value type', `Unsuitable value: ${kind} required`, expr.range);
  return undefined;
}
