// src/template/hcl2: Packer's HCL2 configuration model (hcl2template), as far as Kiln evaluates it: input
// variables, their values and validations, locals, the `packer` block. Imports src/hcl and src/core only.

export {
  type Hcl2Config,
  type LoadHcl2Options,
  configEvalContext,
  loadHcl2Config,
  variableValues,
} from './load-config.js';
export type { InputVariable, VariableAssignment } from './input-variables.js';
export { printableValue } from './printable-value.js';
export { satisfiesConstraint } from './packer-block.js';
