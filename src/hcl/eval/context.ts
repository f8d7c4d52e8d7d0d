// What an expression can refer to: variables (nested scopes for `for` and splat), and functions.

import type { Expression } from '../ast.js';
import type { SourceRange } from '../source-range.js';
import type { HclValue } from './values.js';

/** What hcl needs to know of a function's parameters: names for its messages, and the arity check. */
export interface FunctionParams {
  /** Parameter names: fewer arguments is "Not enough function arguments", and messages name the parameter. */
  readonly params?: readonly string[];
  /** The variadic parameter's name; without it, more arguments than `params` is "Too many function arguments". */
  readonly variadic?: string;
}

export interface EagerFunction extends FunctionParams {
  /**
   * Arguments already evaluated (and expanded for `f(list...)`); `range` is the call's. A thrown HclFunctionError
   * becomes hcl's "Invalid function argument" (at the argument) or "Error in function call" diagnostic.
   */
  call(args: readonly HclValue[], range: SourceRange): HclValue;
}

/** An argument as written, evaluated only when asked (`value()` throws the argument's HclEvalError). */
export interface LazyArgument {
  readonly expr: Expression;
  value(): HclValue;
}

/**
 * `can`, `try` and `convert`: they see their arguments' evaluation errors or syntax, as hcl's expression-closure
 * and type-constraint parameters.
 */
export interface LazyFunction extends FunctionParams {
  callLazy(args: readonly LazyArgument[], range: SourceRange): HclValue;
}

export type HclFunction = EagerFunction | LazyFunction;

export class EvalContext {
  constructor(
    private readonly variables: ReadonlyMap<string, HclValue> = new Map(),
    readonly functions: ReadonlyMap<string, HclFunction> = new Map(),
    private readonly parent: EvalContext | undefined = undefined,
    /** The element a splat's traversal applies to. */
    readonly splatItem: HclValue | undefined = undefined,
  ) {}

  lookup(name: string): HclValue | undefined {
    return this.variables.get(name) ?? this.parent?.lookup(name);
  }

  /** A child scope with more variables (a `for` expression's key and value). */
  with(variables: ReadonlyMap<string, HclValue>): EvalContext {
    return new EvalContext(variables, this.functions, this, this.splatItem);
  }

  withSplatItem(item: HclValue): EvalContext {
    return new EvalContext(new Map(), this.functions, this, item);
  }
}
