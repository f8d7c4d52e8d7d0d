// How a function reports failure without knowing source ranges: the evaluator places the error at the argument
// (cty's function.ArgError) or at the call, with hcl's wording.

export class HclFunctionError extends Error {
  constructor(
    message: string,
    /** The argument at fault (after `...` expansion), as cty's NewArgErrorf; undefined for the call as a whole. */
    readonly argIndex?: number,
  ) {
    super(message);
    this.name = 'HclFunctionError';
  }
}
