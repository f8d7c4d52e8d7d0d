// Evaluates an expression, turning an evaluation error into a diagnostic (undefined result) so a load reports
// every problem, not just the first.

import { type EvalContext, evaluateExpression, HclEvalError, type HclValue } from '../../hcl/eval/index.js';
import type { Expression } from '../../hcl/index.js';
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
