// Function calls as hclsyntax's FunctionCallExpr: `...` expansion, arity checks, lazy arguments for can/try, and
// function errors turned into diagnostics at the argument or the call.

import type { Expression, FunctionCall } from '../ast.js';
import type { SourceRange } from '../source-range.js';
import type { EvalContext, FunctionParams, HclFunction } from './context.js';
import type { Evaluation } from './evaluation.js';
import { HclFunctionError } from './function-error.js';
import { type HclValue, isSequence } from './values.js';

export function evaluateCall(ev: Evaluation, expr: FunctionCall, ctx: EvalContext): HclValue {
  const name = expr.name.join('::');
  const fn = ctx.functions.get(name);
  if (!fn)
    return ev.fail('Call to unknown function', `There is no function named "${name}".`, expr.nameRange);
  if ('callLazy' in fn) {
    checkArity(ev, name, fn, expr.args, expr);
    const thunks = expr.args.map((arg) => ({ expr: arg, value: () => ev.evaluate(arg, ctx) }));
    return guard(ev, name, fn, () => fn.callLazy(thunks, expr.range), expr.args, expr.args, expr.range);
  }
  const args = expr.args.map((arg) => ev.evaluate(arg, ctx));
  const argExprs: Expression[] = [...expr.args];
  if (expr.expandFinal) {
    const last = args.pop();
    const lastExpr = argExprs.pop() as Expression;
    if (last === undefined || !isSequence(last))
      return ev.fail(
        'Invalid expanding argument value',
        'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
        lastExpr.range,
      );
    args.push(...last.items);
    argExprs.push(...last.items.map(() => lastExpr));
  }
  checkArity(ev, name, fn, argExprs, expr);
  return guard(ev, name, fn, () => fn.call(args, expr.range), args, argExprs, expr.range);
}

function checkArity(
  ev: Evaluation,
  name: string,
  fn: FunctionParams,
  args: readonly unknown[],
  expr: FunctionCall,
): void {
  const params = fn.params;
  if (params === undefined) return;
  const missing = params[args.length];
  if (missing !== undefined) {
    const qual = fn.variadic === undefined ? '' : ' at least';
    ev.fail(
      'Not enough function arguments',
      `Function "${name}" expects${qual} ${params.length} argument(s). Missing value for "${missing}".`,
      expr.range,
    );
  }
  if (fn.variadic === undefined && args.length > params.length) {
    const extra = expr.args[Math.min(params.length, expr.args.length - 1)] as Expression;
    ev.fail(
      'Too many function arguments',
      `Function "${name}" expects only ${params.length} argument(s).`,
      extra.range,
    );
  }
}

function guard(
  ev: Evaluation,
  name: string,
  fn: HclFunction,
  run: () => HclValue,
  args: readonly unknown[],
  argExprs: readonly Expression[],
  range: SourceRange,
): HclValue {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof HclFunctionError)) throw error;
    const at = error.argIndex === undefined ? undefined : argExprs[error.argIndex];
    if (at !== undefined && error.argIndex !== undefined && error.argIndex < args.length) {
      const param = fn.params?.[error.argIndex] ?? fn.variadic ?? `#${error.argIndex + 1}`;
      return ev.fail(
        'Invalid function argument',
        `Invalid value for "${param}" parameter: ${error.message}.`,
        at.range,
      );
    }
    return ev.fail('Error in function call', `Call to function "${name}" failed: ${error.message}.`, range);
  }
}
