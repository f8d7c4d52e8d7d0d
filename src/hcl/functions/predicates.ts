// Packer's own list and string predicates (hcl2template/function: alltrue, anytrue, startswith, endswith,
// strcontains) and sum, added in Packer 1.10–1.11.

import { HclFunctionError } from '../eval/function-error.js';
import { bool, type HclValue, isSequence, num } from '../eval/values.js';
import { typeOfValue, typeText } from '../types/index.js';
import { anyValue, listOf, toBoolean, toNum, toStr } from './convert.js';
import { define, type FunctionTable, items, text } from './spec.js';

const boolList = { name: 'list', type: listOf(toBoolean) };
const s = (name: string) => ({ name, type: toStr });

/** A null element makes alltrue false; anytrue skips it. */
const allTrue = define([boolList], ([list]) => bool(items(list).every((v) => v.type === 'bool' && v.value)));
const anyTrue = define([boolList], ([list]) => bool(items(list).some((v) => v.type === 'bool' && v.value)));

const NOT_NUMBERS = 'argument must be list, set, or tuple of number values';

function sum(list: HclValue): HclValue {
  if (!isSequence(list)) {
    if (list.type === 'object' || list.type === 'map') {
      if (list.attrs.size === 0) throw new HclFunctionError('cannot sum an empty list', 0);
      throw new HclFunctionError(
        `argument must be list, set, or tuple. Received ${typeText(typeOfValue(list))}`,
        0,
      );
    }
    throw new HclFunctionError('cannot sum noniterable', 0);
  }
  if (list.items.length === 0) throw new HclFunctionError('cannot sum an empty list', 0);
  let total = 0;
  let infinities = 0;
  for (const item of list.items) {
    let n: HclValue;
    try {
      n = toNum(item);
    } catch {
      throw new HclFunctionError(NOT_NUMBERS, 0);
    }
    if (n.type !== 'number') throw new HclFunctionError(NOT_NUMBERS, 0);
    if (!Number.isFinite(n.value)) infinities |= n.value > 0 ? 1 : 2;
    total += n.value;
  }
  if (infinities === 3) throw new HclFunctionError("can't compute sum of opposing infinities");
  return num(total);
}

export const PREDICATE_FUNCTIONS: FunctionTable = new Map([
  ['alltrue', allTrue],
  ['anytrue', anyTrue],
  ['startswith', define([s('str'), s('prefix')], ([a, b]) => bool(text(a).startsWith(text(b))))],
  ['endswith', define([s('str'), s('suffix')], ([a, b]) => bool(text(a).endsWith(text(b))))],
  ['strcontains', define([s('str'), s('substr')], ([a, b]) => bool(text(a).includes(text(b))))],
  ['sum', define([{ name: 'list', type: anyValue }], ([list]) => sum(list as HclValue))],
]);
