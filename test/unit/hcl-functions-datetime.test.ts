// Expected values are from go-cty's datetime_test.go (formatdate, timeadd) and Packer's datetime.go: timestamp
// reads the clock at each call, legacy_isotime/legacy_strftime show the run's start.
import { describe, expect, it } from 'vitest';
import { EvalContext, evaluateExpression, HclEvalError, toPlain } from '../../src/hcl/eval/index.js';
import { packerFunctions } from '../../src/hcl/functions/index.js';
import { type Attribute, parseHclFile } from '../../src/hcl/index.js';

const initTime = new Date('2006-01-02T15:04:05.123Z');
let clock = 0;
const now = () => new Date(Date.UTC(2024, 2, 1, 12, 0, clock++));

function run(src: string): unknown {
  const text = `a = ${src}\n`;
  const expr = (parseHclFile('t.pkr.hcl', text).body.items[0] as Attribute).expr;
  const functions = packerFunctions({ baseDir: '.', initTime, now });
  return toPlain(evaluateExpression(expr, new EvalContext(new Map(), functions), text));
}

function failure(src: string): string {
  try {
    run(src);
  } catch (error) {
    if (error instanceof HclEvalError) return `${error.summary}: ${error.detail}`;
    throw error;
  }
  throw new Error(`no error: ${src}`);
}

describe('date and time functions', () => {
  it.each([
    ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '02 Jan 2018 23:12 UTC'],
    ['formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")', 'Tuesday, 02-Jan-18 23:12:01 UTC'],
    [
      'formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")',
      'Tue, 02 Jan 2018 23:12:01 -0800',
    ],
    ['formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")', 'Jan 02, 2018'],
    ['formatdate("HH:mmaa", "2018-01-02T23:12:01Z")', '11:12pm'],
    ['formatdate("H:mmAA", "2018-01-02T00:12:01Z")', '12:12AM'],
    ['formatdate("M/D/YY h:m:s", "2018-01-02T03:04:05Z")', '1/2/18 3:4:5'],
    ['formatdate("MMMM", "2018-09-02T03:04:05Z")', 'September'],
    ['formatdate("Z ZZZZ ZZZZZ", "2018-01-02T23:12:01+05:30")', '+05:30 +0530 +05:30'],
    ['formatdate("Z", "2018-01-02T23:12:01Z")', 'Z'],
    ['formatdate("h\'h\'mm", "2018-01-02T23:12:01Z")', '23h12'],
    ["formatdate(\"'o''clock' ''\", \"2018-01-02T23:12:01Z\")", "o'clock '"],
    ['formatdate("YYYY", "2018-01-02T23:12:01.123456Z")', '2018'],
    ['timeadd("2017-11-22T00:00:00Z", "1s")', '2017-11-22T00:00:01Z'],
    ['timeadd("2017-11-22T00:00:00Z", "10m1s")', '2017-11-22T00:10:01Z'],
    ['timeadd("2017-11-22T00:00:00Z", "-1h")', '2017-11-21T23:00:00Z'],
    ['timeadd("2017-11-22T00:00:00+01:00", "1.5h")', '2017-11-22T01:30:00+01:00'],
    ['timeadd("2017-11-22T00:00:00.6Z", "500ms")', '2017-11-22T00:00:01Z'],
    ['legacy_isotime()', '2006-01-02T15:04:05Z'],
    ['legacy_isotime("2006-01-02 15:04:05.000 Mon Jan")', '2006-01-02 15:04:05.123 Mon Jan'],
    ['legacy_strftime()', '2006-01-02T15:04:05Z'],
    ['legacy_strftime("%Y%m%d-%H%M%S %%")', '20060102-150405 %'],
  ])('%s', (src, want) => {
    expect(run(src)).toBe(want);
  });

  it('rfc3339_parse and unix_timestamp_parse give the calendar parts (Packer 1.11)', () => {
    expect(run('rfc3339_parse("2023-07-25T23:43:16.5-05:00")')).toEqual({
      year: 2023,
      year_day: 206,
      day: 25,
      month: 7,
      month_name: 'July',
      weekday: 2,
      weekday_name: 'Tuesday',
      hour: 23,
      minute: 43,
      second: 16,
      unix: 1690346596,
      iso_year: 2023,
      iso_week: 30,
    });
    expect(run('rfc3339_parse("2021-01-01T00:00:00Z")')).toMatchObject({
      iso_year: 2020,
      iso_week: 53,
      year_day: 1,
    });
    expect(run('unix_timestamp_parse(1690346596)')).toEqual({
      year: 2023,
      year_day: 207,
      day: 26,
      month: 7,
      month_name: 'July',
      weekday: 3,
      weekday_name: 'Wednesday',
      hour: 4,
      minute: 43,
      second: 16,
      rfc3339: '2023-07-26T04:43:16Z',
      iso_year: 2023,
      iso_week: 30,
    });
  });

  it('timestamp() reads the clock at each call, in RFC 3339 UTC', () => {
    const [first, second] = run('[timestamp(), timestamp()]') as string[];
    expect(first).toMatch(/^2024-03-01T12:00:\d\dZ$/);
    expect(second).not.toBe(first);
  });

  it.each([
    [
      'formatdate("YYY", "2018-01-02T23:12:01Z")',
      'invalid date format verb "YYY": year must either be "YY" or "YYYY"',
    ],
    ['formatdate("MMMMM", "2018-01-02T23:12:01Z")', 'month must be "M", "MM", "MMM", or "MMMM"'],
    ['formatdate("DDD", "2018-01-02T23:12:01Z")', 'day of month must either be "D" or "DD"'],
    ['formatdate("E", "2018-01-02T23:12:01Z")', 'day of week must either be "EEE" or "EEEE"'],
    ['formatdate("A", "2018-01-02T23:12:01Z")', 'invalid date format verb "A": must be "AA"'],
    ['formatdate("ZZ", "2018-01-02T23:12:01Z")', 'timezone must be Z, ZZZZ, or ZZZZZ'],
    [
      'formatdate("x", "2018-01-02T23:12:01Z")',
      'Invalid value for "format" parameter: invalid date format verb "x".',
    ],
    [
      'formatdate("\'abc", "2018-01-02T23:12:01Z")',
      'Invalid value for "format" parameter: unterminated literal \'.',
    ],
    [
      'formatdate("YYYY", "2018-01-02")',
      `Invalid value for "time" parameter: not a valid RFC3339 timestamp: missing required time introducer 'T'.`,
    ],
    [
      'formatdate("YYYY", "2018-01-02T23:12:01")',
      'not a valid RFC3339 timestamp: end of string before UTC offset',
    ],
    [
      'formatdate("YYYY", "2018-13-02T23:12:01Z")',
      'not a valid RFC3339 timestamp: cannot use "-02T23:12:01Z" as month',
    ],
    ['formatdate("YYYY", "2018-02-30T23:12:01Z")', 'not a valid RFC3339 timestamp: day out of range'],
    [
      'formatdate("YYYY", "2018/01/02T23:12:01Z")',
      'not a valid RFC3339 timestamp: found "/01/02T23:12:01Z" where "-" is expected',
    ],
    ['formatdate("YYYY", "2018-01-02T23:12:01Zjunk")', 'cannot use "junk" as timestamp segment'],
    [
      'formatdate("YYYY", "18-01-02T23:12:01Z")',
      'not a valid RFC3339 timestamp: cannot use "18-01-02T23:12:01Z" as year',
    ],
    [
      'timeadd("2017-11-22T00:00:00Z", "1")',
      'Call to function "timeadd" failed: time: missing unit in duration "1".',
    ],
    ['timeadd("2017-11-22T00:00:00Z", "1x")', 'time: unknown unit "x" in duration "1x"'],
    ['timeadd("2017-11-22T00:00:00Z", "soon")', 'time: invalid duration "soon"'],
    ['timeadd("nope", "1s")', 'Call to function "timeadd" failed: not a valid RFC3339 timestamp'],
    ['legacy_isotime("a", "b")', 'too many values, 1 needed'],
    ['legacy_strftime(null)', 'argument must not be null'],
    [
      'rfc3339_parse("2023-07-25")',
      'Invalid value for "timestamp" parameter: "2023-07-25" is not a valid RFC3339 timestamp.',
    ],
    [
      'unix_timestamp_parse(1.5)',
      'unix_timestamp must be a whole number of seconds representable as a 64-bit integer',
    ],
  ])('%s fails', (src, message) => {
    expect(failure(src)).toContain(message);
  });
});
