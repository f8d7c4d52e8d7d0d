// Builds an HclFunction from a cty-style spec: typed parameters (converted as cty does, null refused unless
// allowed), an optional variadic parameter, and an implementation that sees converted values.

import type { EagerFunction, HclFunction } from '../eval/context.js';
import { HclFunctionError } from '../eval/function-error.js';
import type { HclValue } from '../eval/values.js';
import { type Converter, convertArg } from './convert.js';

export interface Param {
  readonly name: string;
  readonly type: Converter;
  readonly allowNull?: boolean;
}

export type Impl = (args: readonly HclValue[]) => HclValue;

export function define(params: readonly Param[], impl: Impl, variadic?: Param): EagerFunction {
  return {
    params: params.map((p) => p.name),
    ...(variadic ? { variadic: variadic.name } : {}),
    call(args) {
      const converted = args.map((arg, i) => {
        const param = params[i] ?? (variadic as Param);
        if (arg.type === 'null' && !param.allowNull)
          throw new HclFunctionError('argument must not be null', i);
        return convertArg(param.type, arg, i);
      });
      return impl(converted);
    },
  };
}

/** The table a caller passes to EvalContext. */
export type FunctionTable = ReadonlyMap<string, HclFunction>;

/** A converted string argument's text. */
export function text(v: HclValue | undefined): string {
  if (v?.type !== 'string') throw new Error(`internal: string expected, got ${v?.type}`);
  return v.value;
}

export function number(v: HclValue | undefined): number {
  if (v?.type !== 'number') throw new Error(`internal: number expected, got ${v?.type}`);
  return v.value;
}

export function items(v: HclValue | undefined): readonly HclValue[] {
  if (v?.type !== 'list' && v?.type !== 'tuple') throw new Error(`internal: list expected, got ${v?.type}`);
  return v.items;
}

export function fail(message: string, argIndex?: number): never {
  throw new HclFunctionError(message, argIndex);
}
