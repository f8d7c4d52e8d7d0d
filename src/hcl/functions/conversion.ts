// Type conversion: cty's to* functions (conversion.go), hcl's can/try (ext/tryfunc) and convert (ext/typeexpr).
// can, try and convert take their arguments unevaluated (the evaluator's LazyFunction).

import type { Expression } from '../ast.js';
import type { HclFunction, LazyFunction } from '../eval/context.js';
import { HclEvalError } from '../eval/eval-error.js';
import { HclFunctionError } from '../eval/function-error.js';
import { bool, type HclValue, typeName } from '../eval/values.js';
import {
  ANY,
  ConversionError,
  convertValue,
  type HclType,
  parseTypeConstraint,
  TypeSpecError,
  typeText,
} from '../types/index.js';
import { anyValue } from './convert.js';
import { define, type FunctionTable } from './spec.js';

function toFunction(want: HclType) {
  return define([{ name: 'v', type: anyValue, allowNull: true }], ([arg]) => {
    const v = arg as HclValue;
    try {
      return convertValue(v, want);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      if (v.type === 'string' && want.kind === 'bool')
        throw new HclFunctionError(
          `cannot convert ${JSON.stringify(v.value)} to bool; only the strings "true" or "false" are allowed`,
          0,
        );
      if (v.type === 'string' && want.kind === 'number')
        throw new HclFunctionError(
          `cannot convert ${JSON.stringify(v.value)} to number; given string must be a decimal representation of a number`,
          0,
        );
      throw new HclFunctionError(`cannot convert ${typeName(v)} to ${typeText(want)}`, 0);
    }
  });
}

/** hcl.Range's String(): `file:line,col-endcol`, or `file:line,col-line,col` across lines. */
function rangeText(e: HclEvalError): string {
  const { file, start, end } = e.range;
  return start.line === end.line
    ? `${file}:${start.line},${start.column}-${end.column}`
    : `${file}:${start.line},${start.column}-${end.line},${end.column}`;
}

const tryFn: LazyFunction = {
  params: [],
  variadic: 'expressions',
  callLazy(args) {
    if (args.length === 0) throw new HclFunctionError('at least one argument is required');
    const failures: HclEvalError[] = [];
    for (const arg of args) {
      try {
        return arg.value();
      } catch (error) {
        if (!(error instanceof HclEvalError)) throw error;
        failures.push(error);
      }
    }
    const lines = failures.map((e) => `- ${e.summary} (at ${rangeText(e)})\n  ${e.detail}\n`);
    throw new HclFunctionError(
      `no expression succeeded:\n${lines.join('')}\nAt least one expression must produce a successful result`,
    );
  },
};

const canFn: LazyFunction = {
  params: ['expression'],
  callLazy([arg]) {
    try {
      arg?.value();
      return bool(true);
    } catch (error) {
      if (error instanceof HclEvalError) return bool(false);
      throw error;
    }
  },
};

/** hcl's TypeConstraint: optional(T) attributes, no defaults. */
function typeConstraintArg(expr: Expression): HclType {
  try {
    return parseTypeConstraint(expr, { defaults: false });
  } catch (error) {
    if (error instanceof TypeSpecError) throw new HclFunctionError(error.detail, 1);
    throw error;
  }
}

const convertFn: LazyFunction = {
  params: ['value', 'type'],
  callLazy([value, typeArg]) {
    const want = typeConstraintArg((typeArg as NonNullable<typeof typeArg>).expr);
    const v = (value as NonNullable<typeof value>).value();
    try {
      return convertValue(v, want);
    } catch (error) {
      if (error instanceof ConversionError) throw new HclFunctionError(error.message, 0);
      throw error;
    }
  },
};

export const CONVERSION_FUNCTIONS: FunctionTable = new Map<string, HclFunction>([
  ['can', canFn],
  ['convert', convertFn],
  ['try', tryFn],
  ['tobool', toFunction({ kind: 'bool' })],
  ['tolist', toFunction({ kind: 'list', elem: ANY })],
  ['tomap', toFunction({ kind: 'map', elem: ANY })],
  ['tonumber', toFunction({ kind: 'number' })],
  ['toset', toFunction({ kind: 'set', elem: ANY })],
  ['tostring', toFunction({ kind: 'string' })],
]);
