// Date and time: cty's formatdate and timeadd, Packer's timestamp (the clock at each call, as Packer's
// time.Now()) and legacy_isotime / legacy_strftime (the run's start time, as Packer's initTime).

import { parseGoDuration } from '../../core/go-duration.js';
import { formatGoTime, RFC3339_LAYOUT } from '../../core/go-time-format.js';
import { formatStrftime } from '../../core/strftime.js';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, str } from '../eval/values.js';
import { toStr } from './convert.js';
import { formatDate } from './format-date.js';
import { formatRfc3339, parseRfc3339, type Timestamp, TimestampError } from './rfc3339.js';
import { define, type FunctionTable, text } from './spec.js';

export interface Clock {
  /** The run's start (legacy_isotime, legacy_strftime). */
  readonly initTime: Date;
  /** The time now (timestamp). */
  readonly now: () => Date;
}

const s = (name: string) => ({ name, type: toStr });

function timestampArg(value: HclValue | undefined, index?: number): Timestamp {
  try {
    return parseRfc3339(text(value));
  } catch (error) {
    if (error instanceof TimestampError) throw new HclFunctionError(error.message, index);
    throw error;
  }
}

/** Go's time.ParseDuration error texts. */
function durationError(input: string): string {
  const quoted = JSON.stringify(input);
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(input)) return `time: missing unit in duration ${quoted}`;
  const unit =
    /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))*(?:\d+(?:\.\d*)?|\.\d+)([^\d.]+)/u.exec(input);
  if (unit && !/^(ns|us|µs|μs|ms|s|m|h)/u.test(unit[1] as string))
    return `time: unknown unit ${JSON.stringify(unit[1])} in duration ${quoted}`;
  return `time: invalid duration ${quoted}`;
}

function timeAdd(ts: HclValue | undefined, duration: HclValue | undefined): HclValue {
  const t = timestampArg(ts);
  const ns = parseGoDuration(text(duration));
  if (ns === undefined) throw new HclFunctionError(durationError(text(duration)));
  return str(formatRfc3339({ ns: t.ns + ns, offsetSeconds: t.offsetSeconds }));
}

/** legacy_isotime / legacy_strftime: one optional format; none gives RFC 3339. */
function legacyTime(format: (time: Date, spec: string) => string, clock: Clock) {
  return define(
    [],
    (args) => {
      if (args.length > 1) throw new HclFunctionError(`too many values, 1 needed: ${goValuesText(args)}`);
      const spec = args[0];
      return str(
        spec === undefined
          ? formatGoTime(clock.initTime, RFC3339_LAYOUT)
          : format(clock.initTime, text(spec)),
      );
    },
    s('format'),
  );
}

/** fmt's %v of a []cty.Value of strings, which Packer's "too many values" message prints. */
function goValuesText(args: readonly HclValue[]): string {
  return `[${args.map((a) => `{{{{} 83}} ${text(a)}}`).join(' ')}]`;
}

export function dateTimeFunctions(clock: Clock): FunctionTable {
  return new Map([
    [
      'formatdate',
      define([s('format'), s('time')], ([f, t]) => str(formatDate(text(f), timestampArg(t, 1)))),
    ],
    ['timeadd', define([s('timestamp'), s('duration')], ([t, d]) => timeAdd(t, d))],
    ['timestamp', define([], () => str(formatGoTime(clock.now(), RFC3339_LAYOUT)))],
    ['legacy_isotime', legacyTime(formatGoTime, clock)],
    ['legacy_strftime', legacyTime(formatStrftime, clock)],
  ]);
}
