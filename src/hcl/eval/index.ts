// src/hcl/eval: HCL expression values (cty's types, numbers as doubles) and the evaluator.

export {
  type EagerFunction,
  EvalContext,
  type FunctionParams,
  type HclFunction,
  type LazyArgument,
  type LazyFunction,
} from './context.js';
export { HclEvalError } from './eval-error.js';
export { evaluateExpression } from './evaluate.js';
export { HclFunctionError } from './function-error.js';
export * from './values.js';
