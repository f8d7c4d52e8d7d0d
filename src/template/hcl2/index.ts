// src/template/hcl2: Packer's HCL2 configuration model (hcl2template), as far as Kiln evaluates it: input
// variables, their values and validations, locals, the `packer` block. Imports src/hcl and src/core only.

export {
  configEvalContext,
  type Hcl2Config,
  type LoadHcl2Options,
  loadHcl2Config,
  variableValues,
} from './load-config.js';
export { satisfiesConstraint } from './packer-block.js';
export { printableValue } from './printable-value.js';
export type { InputVariable, VariableAssignment } from './variable-model.js';
