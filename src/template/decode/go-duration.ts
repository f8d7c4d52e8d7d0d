// Go's time.ParseDuration ("10s", "1m30s", "1.5h", "-1s", "300ms"), returning milliseconds.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const PART = /(\d*\.?\d*)([^\d.]+)/y;
/** Go durations are int64 nanoseconds: beyond about 292 years ParseDuration fails with "invalid duration". */
const MAX_MS = Number((1n << 63n) - 1n) / 1e6;

/** Returns milliseconds (may be fractional), or undefined when `text` is not a Go duration. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  while (consumed < rest.length) {
    PART.lastIndex = consumed;
    const match = PART.exec(rest);
    const [all, number = '', unit = ''] = match ?? [];
    const factor = UNIT_MS[unit];
    if (!match || all === undefined || factor === undefined || number === '' || number === '.')
      return undefined;
    total += Number(number) * factor;
    consumed += all.length;
  }
  return total > MAX_MS ? undefined : sign * total;
}
