// Go's time.Parse(time.RFC3339, …) as cty's datetime functions call it: the element walk of Go's parser, so a
// bad timestamp fails at the same element, worded as cty's parseTimestamp words Go's ParseError.

/** An instant with the UTC offset it was written with (Go keeps a fixed zone). */
export interface Timestamp {
  /** Nanoseconds since the Unix epoch. */
  readonly ns: bigint;
  readonly offsetSeconds: number;
}

export class TimestampError extends Error {}

const NOT_VALID = 'not a valid RFC3339 timestamp';

/** cty's message for a Go ParseError at layout element `elem` with `rest` of the value left. */
function failAt(elem: string, rest: string, what: string): never {
  if (elem === 'T') throw new TimestampError(`${NOT_VALID}: missing required time introducer 'T'`);
  if (elem === ':' || elem === '-')
    throw new TimestampError(
      rest === ''
        ? `${NOT_VALID}: end of string where ${JSON.stringify(elem)} is expected`
        : `${NOT_VALID}: found ${JSON.stringify(rest)} where ${JSON.stringify(elem)} is expected`,
    );
  throw new TimestampError(
    rest === ''
      ? `${NOT_VALID}: end of string before ${what}`
      : `${NOT_VALID}: cannot use ${JSON.stringify(rest)} as ${what}`,
  );
}

export function parseRfc3339(text: string): Timestamp {
  let rest = text;
  const literal = (s: string) => {
    if (!rest.startsWith(s)) failAt(s, rest, '');
    rest = rest.slice(s.length);
  };
  /** Go's getnum: two digits (`fixed`) or one or two; out-of-range reports the text after the number. */
  const number = (what: string, width: 1 | 2 | 4, max: number, min = 0): number => {
    const match = (width === 4 ? /^\d{4}/ : width === 2 ? /^\d\d/ : /^\d\d?/).exec(rest);
    if (!match) failAt('', rest, what);
    rest = rest.slice(match[0].length);
    const n = Number(match[0]);
    if (n < min || n > max) failAt('', rest, what);
    return n;
  };
  const year = number('year', 4, 9999);
  literal('-');
  const month = number('month', 2, 12, 1);
  literal('-');
  const day = number('day of month', 2, 31);
  literal('T');
  const hour = number('hour', 1, 23);
  literal(':');
  const minute = number('minute', 2, 59);
  literal(':');
  const second = number('second', 2, 59);
  const fraction = /^[.,](\d+)/.exec(rest);
  if (fraction) rest = rest.slice(fraction[0].length);
  let offsetSeconds = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (!zone) failAt('', rest, 'UTC offset');
    offsetSeconds = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 3600 + Number(zone[3]) * 60);
    rest = rest.slice(zone[0].length);
  }
  if (rest !== '') failAt('', rest, 'timestamp segment');
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (day < 1 || date.getUTCMonth() !== month - 1) throw new TimestampError(`${NOT_VALID}: day out of range`);
  date.setUTCHours(hour, minute, second);
  const nanos = BigInt((fraction?.[1] ?? '').slice(0, 9).padEnd(9, '0'));
  return { ns: BigInt(date.getTime() - offsetSeconds * 1000) * 1_000_000n + nanos, offsetSeconds };
}

/** The wall clock of a timestamp in its own offset, as a Date read with getUTC*. */
export function wallClock(t: Timestamp): Date {
  const ms = t.ns / 1_000_000n - (t.ns % 1_000_000n < 0n ? 1n : 0n);
  return new Date(Number(ms) + t.offsetSeconds * 1000);
}

/** time.RFC3339 formatting: seconds, and `Z` or the ±hh:mm offset. */
export function formatRfc3339(t: Timestamp): string {
  const wall = wallClock(t).toISOString().slice(0, 19);
  return `${wall}${offsetText(t.offsetSeconds, ':', 'Z')}`;
}

/** Go's Z07:00 (`zero` 'Z') or -07:00 / -0700 (`zero` undefined). */
export function offsetText(offsetSeconds: number, separator: string, zero?: string): string {
  if (offsetSeconds === 0 && zero !== undefined) return zero;
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${offsetSeconds < 0 ? '-' : '+'}${hh}${separator}${mm}`;
}
