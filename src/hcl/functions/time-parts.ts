// Packer's rfc3339_parse and unix_timestamp_parse (hcl2template/function): a time's calendar parts as an object,
// in the timestamp's own offset (UTC for a Unix time).

import { LONG_DAYS, LONG_MONTHS } from '../../core/go-time-format.js';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, num, object, str } from '../eval/values.js';
import { toNum, toStr } from './convert.js';
import { formatRfc3339, parseRfc3339, type Timestamp, TimestampError, wallClock } from './rfc3339.js';
import { define, type FunctionTable, number, text } from './spec.js';

const DAY_MS = 86_400_000;

/** Midnight, January 1st (Date.UTC would take years below 100 as 19xx). */
function startOfYear(year: number): number {
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  return start.getTime();
}

/** Go's Time.ISOWeek: the week (Monday first) that holds the year's first Thursday is week 1. */
function isoWeek(wall: Date): [number, number] {
  const thursday = new Date(wall.getTime() + (3 - ((wall.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return [year, Math.floor((thursday.getTime() - startOfYear(year)) / DAY_MS / 7) + 1];
}

function parts(t: Timestamp): [string, HclValue][] {
  const wall = wallClock(t);
  const [isoYear, week] = isoWeek(wall);
  return [
    ['year', num(wall.getUTCFullYear())],
    ['year_day', num(Math.floor((wall.getTime() - startOfYear(wall.getUTCFullYear())) / DAY_MS) + 1)],
    ['day', num(wall.getUTCDate())],
    ['month', num(wall.getUTCMonth() + 1)],
    ['month_name', str(LONG_MONTHS[wall.getUTCMonth()] as string)],
    ['weekday', num(wall.getUTCDay())],
    ['weekday_name', str(LONG_DAYS[wall.getUTCDay()] as string)],
    ['hour', num(wall.getUTCHours())],
    ['minute', num(wall.getUTCMinutes())],
    ['second', num(wall.getUTCSeconds())],
    ['iso_year', num(isoYear)],
    ['iso_week', num(week)],
  ];
}

function rfc3339Parse(value: HclValue | undefined): HclValue {
  let t: Timestamp;
  try {
    t = parseRfc3339(text(value));
  } catch (error) {
    if (!(error instanceof TimestampError)) throw error;
    throw new HclFunctionError(`${JSON.stringify(text(value))} is not a valid RFC3339 timestamp`, 0);
  }
  const seconds = t.ns / 1_000_000_000n - (t.ns % 1_000_000_000n < 0n ? 1n : 0n);
  return object([...parts(t), ['unix', num(Number(seconds))]]);
}

function unixTimestampParse(value: HclValue | undefined): HclValue {
  const seconds = number(value);
  if (!Number.isInteger(seconds))
    throw new HclFunctionError(
      'unix_timestamp must be a whole number of seconds representable as a 64-bit integer: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
      0,
    );
  const t = { ns: BigInt(seconds) * 1_000_000_000n, offsetSeconds: 0 };
  return object([...parts(t), ['rfc3339', str(formatRfc3339(t))]]);
}

export const TIME_PARTS_FUNCTIONS: FunctionTable = new Map([
  ['rfc3339_parse', define([{ name: 'timestamp', type: toStr }], ([ts]) => rfc3339Parse(ts))],
  ['unix_timestamp_parse', define([{ name: 'unix_timestamp', type: toNum }], ([n]) => unixTimestampParse(n))],
]);
