// src/hcl/eval: HCL expression values (cty's types, numbers as doubles) and the evaluator.

export { EvalContext, type HclFunction } from './context.js';
export { HclEvalError } from './eval-error.js';
export { evaluateExpression } from './evaluate.js';
export * from './values.js';
