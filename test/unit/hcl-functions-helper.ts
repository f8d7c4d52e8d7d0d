// Evaluates `a = <expr>` with Packer's function table; shared by the hcl-functions-*.test.ts files.

import {
  EvalContext,
  evaluateExpression,
  HclEvalError,
  type HclValue,
  toPlain,
} from '../../src/hcl/eval/index.js';
import { packerFunctions } from '../../src/hcl/functions/index.js';
import { type Attribute, parseHclFile } from '../../src/hcl/index.js';

export function evalValue(
  src: string,
  vars: ReadonlyMap<string, HclValue> = new Map(),
  baseDir = '.',
): HclValue {
  const text = `a = ${src}\n`;
  const expr = (parseHclFile('t.pkr.hcl', text).body.items[0] as Attribute).expr;
  return evaluateExpression(expr, new EvalContext(vars, packerFunctions({ baseDir })), text);
}

export function evalPlain(src: string, vars?: ReadonlyMap<string, HclValue>, baseDir?: string): unknown {
  return toPlain(evalValue(src, vars, baseDir));
}

/** The error's "summary: detail" without the source frame. */
export function evalError(src: string, vars?: ReadonlyMap<string, HclValue>, baseDir?: string): string {
  try {
    evalValue(src, vars, baseDir);
  } catch (error) {
    if (error instanceof HclEvalError) return `${error.summary}: ${error.detail}`;
    throw error;
  }
  throw new Error(`evaluated without error: ${src}`);
}
