// The functions HCL2 expressions can call. Packer's table (src/hcl/functions) is being written separately;
// until it is merged, expressions see no functions ("Call to unknown function"), and this is the one place
// that changes to hand its table to every HCL2 load.

import type { HclFunction } from '../../hcl/eval/index.js';

export function hcl2FunctionTable(): ReadonlyMap<string, HclFunction> {
  return new Map();
}
