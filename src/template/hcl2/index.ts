// src/template/hcl2: Packer's HCL2 configuration model (hcl2template), as far as Kiln evaluates it: input
// variables, their values and validations, locals, the `packer` block, `data` sources, and the `source` and
// `build` blocks evaluated into JSON configs. Imports src/hcl, src/json and src/core only.

export type { BuildBlock } from './builds.js';
export { decodeHcl2Builds, evaluateHcl2Builds, type Hcl2Builds } from './configuration-builds.js';
export type { EvaluatedBuild, EvaluatedPostProcessor, EvaluatedProvisioner } from './evaluate-builds.js';
export type { FilePosition, PositionMap } from './hcl-to-json.js';
export {
  configEvalContext,
  type Hcl2Config,
  type LoadHcl2Options,
  loadHcl2Config,
  variableValues,
} from './load-config.js';
export { satisfiesConstraint } from './packer-block.js';
export type { PostProcessorBlock } from './post-processor-blocks.js';
export { printBuilds } from './print-builds.js';
export { printVariables } from './print-variables.js';
export { printableValue } from './printable-value.js';
export type { ProvisionerBlock } from './provisioner-blocks.js';
export type { InputVariable, VariableAssignment } from './variable-model.js';
