// src/hcl/types: cty's type constraints for HCL2 — typeexpr's type expressions and convert.Convert — shared by
// Packer's functions (convert, to*) and src/template/hcl2's variables. Imports only src/hcl/eval.

export { asSet, convertToBool, convertToNumber, convertToString } from './convert-primitive.js';
export { ConversionError, convertValue } from './convert-value.js';
export { ANY, type HclType, typeOfValue, typeText } from './hcl-type.js';
export { parseTypeConstraint, type TypeExprOptions } from './type-expression.js';
export { TypeSpecError } from './type-spec-error.js';
