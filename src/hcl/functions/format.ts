// format and formatlist (cty's format.go): formatlist iterates its list arguments in step, repeating the others.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, isSequence, str } from '../eval/values.js';
import { anyValue, toStr } from './convert.js';
import { formatValues } from './format-verbs.js';
import { define, type FunctionTable, text } from './spec.js';

const FORMAT = { name: 'format', type: toStr };
const ARGS = { name: 'args', type: anyValue, allowNull: true };

const formatFn = define([FORMAT], ([format, ...args]) => str(formatValues(text(format), args)), ARGS);

const formatListFn = define(
  [FORMAT],
  ([format, ...args]) => {
    let length = -1;
    let chooser = -1;
    args.forEach((arg, i) => {
      if (!isSequence(arg)) return;
      if (length === -1) {
        length = arg.items.length;
        chooser = i;
      } else if (arg.items.length !== length)
        throw new HclFunctionError(
          `argument ${i + 1} has length ${arg.items.length}, which is inconsistent with argument ${chooser + 1} of length ${length}`,
          i + 1,
        );
    });
    const rows: HclValue[] = [];
    for (let row = 0; row < Math.max(length, 1) && length !== 0; row++) {
      const values = args.map((arg) => (isSequence(arg) ? (arg.items[row] as HclValue) : arg));
      try {
        rows.push(str(formatValues(text(format), values)));
      } catch (error) {
        if (!(error instanceof HclFunctionError)) throw error;
        throw new HclFunctionError(`error on format iteration ${row}: ${error.message}`);
      }
    }
    return { type: 'list', items: rows };
  },
  ARGS,
);

export const FORMAT_FUNCTIONS: FunctionTable = new Map([
  ['format', formatFn],
  ['formatlist', formatListFn],
]);
