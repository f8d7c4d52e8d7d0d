// Numeric functions from cty's stdlib (number.go), with numbers as doubles.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, num } from '../eval/values.js';
import { anyValue, toNum } from './convert.js';
import { wholeNumber } from './graphemes.js';
import { define, type FunctionTable, number } from './spec.js';

const n = (name: string) => ({ name, type: toNum });
const unary = (f: (x: number) => number) => define([n('num')], ([x]) => num(f(number(x))));

const extreme = (pick: (...xs: number[]) => number) =>
  define(
    [],
    (args) => {
      if (args.length === 0) throw new HclFunctionError('must pass at least one number');
      return num(pick(...args.map(number)));
    },
    { name: 'numbers', type: toNum },
  );

/** big.Int's SetString for bases 2–62: digits 0-9, then a-z, then A-Z (case-insensitive up to base 36). */
function parseInteger(text: string, base: number): bigint | undefined {
  const m = /^([+-]?)(.+)$/s.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (const ch of m[2] as string) {
    const code = ch.charCodeAt(0);
    let digit: number;
    if (ch >= '0' && ch <= '9') digit = code - 48;
    else if (ch >= 'a' && ch <= 'z') digit = code - 97 + 10;
    else if (ch >= 'A' && ch <= 'Z') digit = code - 65 + (base <= 36 ? 10 : 36);
    else return undefined;
    if (digit >= base) return undefined;
    value = value * BigInt(base) + BigInt(digit);
  }
  return m[1] === '-' ? -value : value;
}

const parseIntFn = define(
  [
    { name: 'number', type: anyValue },
    { name: 'base', type: toNum },
  ],
  ([numberArg, baseArg]) => {
    const input = numberArg as HclValue;
    if (input.type !== 'string')
      throw new HclFunctionError(`first argument must be a string, not ${input.type}`, 0);
    let base: number;
    try {
      base = wholeNumber(number(baseArg));
    } catch (error) {
      throw new HclFunctionError((error as Error).message, 1);
    }
    if (base < 2 || base > 62)
      throw new HclFunctionError('base must be a whole number between 2 and 62 inclusive', 1);
    const parsed = parseInteger(input.value, base);
    if (parsed === undefined)
      throw new HclFunctionError(`cannot parse ${JSON.stringify(input.value)} as a base ${base} integer`, 0);
    return num(Number(parsed));
  },
);

export const NUMERIC_FUNCTIONS: FunctionTable = new Map([
  ['abs', unary(Math.abs)],
  ['ceil', unary(Math.ceil)],
  ['floor', unary(Math.floor)],
  ['log', define([n('num'), n('base')], ([x, base]) => num(Math.log(number(x)) / Math.log(number(base))))],
  ['max', extreme(Math.max)],
  ['min', extreme(Math.min)],
  ['parseint', parseIntFn],
  ['pow', define([n('num'), n('power')], ([x, p]) => num(number(x) ** number(p)))],
  ['signum', unary((x) => (x > 0 ? 1 : x < 0 ? -1 : 0))],
]);
