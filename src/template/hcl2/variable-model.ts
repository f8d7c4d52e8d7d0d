// What Kiln knows of an input variable: its declaration and every value it was given, in precedence order.

import type { HclValue } from '../../hcl/eval/index.js';
import type { Expression, SourceRange } from '../../hcl/index.js';
import type { HclType } from '../../hcl/types/index.js';

/** Where a value came from, named as Packer's diagnostics name it ("Invalid value for env variable"). */
export type AssignmentSource = 'default' | 'env' | 'varfile' | 'cmd';

export interface VariableAssignment {
  readonly from: AssignmentSource;
  readonly value: HclValue;
  readonly range: SourceRange | undefined;
}

export interface InputVariable {
  readonly name: string;
  /** undefined: no `type` and no default to take one from; values are kept as given. */
  type: HclType | undefined;
  description: string;
  sensitive: boolean;
  readonly validations: VariableValidation[];
  /** In precedence order: the last one is the value. */
  readonly values: VariableAssignment[];
  readonly range: SourceRange;
}

export interface VariableValidation {
  readonly condition: Expression;
  readonly errorMessage: string;
  /** The `validation` keyword, which the failure message cites. */
  readonly declRange: SourceRange;
}
