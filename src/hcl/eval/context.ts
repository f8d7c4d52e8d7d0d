// What an expression can refer to: variables (nested scopes for `for` and splat), and functions.

import type { SourceRange } from '../source-range.js';
import type { HclValue } from './values.js';

export interface HclFunction {
  /** Arguments already evaluated (and expanded for `f(list...)`); `range` is the call's, for errors. */
  call(args: readonly HclValue[], range: SourceRange): HclValue;
}

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
