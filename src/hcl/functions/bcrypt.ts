// go-cty-funcs' bcrypt(str, cost?) over golang.org/x/crypto/bcrypt's GenerateFromPassword: a "$2a$" hash, cost 10
// by default and for costs below 4, and Go's errors. Node has no bcrypt: bcryptjs (pure JS) hashes.

import bcrypt from 'bcryptjs';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, str } from '../eval/values.js';
import { toNum, toStr } from './convert.js';
import { define, number, text } from './spec.js';

const DEFAULT_COST = 10;
const MIN_COST = 4;
const MAX_COST = 31;

/** gocty.FromCtyValue into a Go int. */
function costOf(value: HclValue): number {
  const cost = number(value);
  if (!Number.isInteger(cost))
    throw new HclFunctionError(
      'value must be a whole number, between -9223372036854775808 and 9223372036854775807',
    );
  return cost;
}

function hash(args: readonly HclValue[]): HclValue {
  const [input, costArg] = args;
  const requested = costArg === undefined ? DEFAULT_COST : costOf(costArg);
  if (args.length > 2) throw new HclFunctionError('bcrypt() takes no more than two arguments');
  const password = text(input);
  const failed = (why: string) => new HclFunctionError(`error occured generating password ${why}`);
  if (Buffer.byteLength(password, 'utf8') > 72) throw failed('bcrypt: password length exceeds 72 bytes');
  const cost = requested < MIN_COST ? DEFAULT_COST : requested;
  if (cost > MAX_COST)
    throw failed(`crypto/bcrypt: cost ${cost} is outside allowed range (${MIN_COST},${MAX_COST})`);
  const salt = bcrypt.genSaltSync(cost).replace(/^\$2b\$/, '$2a$');
  return str(bcrypt.hashSync(password, salt));
}

export const bcryptFunction = define([{ name: 'str', type: toStr }], hash, { name: 'cost', type: toNum });
