// What the evaluator's parts share: evaluating a sub-expression and failing at a range.

import type { Expression } from '../ast.js';
import type { SourceRange } from '../source-range.js';
import type { EvalContext } from './context.js';
import type { HclValue } from './values.js';

export interface Evaluation {
  evaluate(expr: Expression, ctx: EvalContext): HclValue;
  fail(summary: string, detail: string, range: SourceRange): never;
}
