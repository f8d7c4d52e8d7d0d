// Packer's own rules about a variable's type, on top of src/hcl/types (typeexpr and cty's conversions).

import { type HclValue, isSequence } from '../../hcl/eval/index.js';
import type { HclType } from '../../hcl/types/index.js';

/** Empty objects and tuples say nothing about the values a variable will take: Packer keeps such types dynamic. */
export function isEmptyStructure(value: HclValue): boolean {
  return (
    (value.type === 'object' && value.attrs.size === 0) ||
    (isSequence(value) && value.type === 'tuple' && value.items.length === 0)
  );
}

/** A `-var`/env value for these types is the literal text; for the others it is parsed as an expression. */
export function takesLiteralText(type: HclType | undefined): boolean {
  return type === undefined || type.kind === 'string' || type.kind === 'number' || type.kind === 'any';
}
