// Go's time.ParseDuration and Duration.String, exact to the nanosecond: template durations ("10s", "1m30s",
// "-1s") and boot-command waits (`<wait1.5s>`) both parse here, so both accept exactly what Packer does.

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;
const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MINUTE = 60n * NS_PER_SECOND;
/** One `[digits][.digits]unit` part; Go needs digits on at least one side of the dot. */
const PART = /(\d*)(?:\.(\d*))?([^\d.]+)/uy;

/** Nanoseconds, or undefined when Go's time.ParseDuration would fail (syntax, unknown unit, overflow). */
export function parseGoDuration(text: string): bigint | undefined {
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  let at = 0;
  while (at < rest.length) {
    PART.lastIndex = at;
    const match = PART.exec(rest);
    if (!match) return undefined;
    const [all, whole = '', fraction, unit = ''] = match;
    const scale = UNIT_NS[unit];
    if (scale === undefined || (whole === '' && !fraction)) return undefined;
    // Go truncates the fractional part after scaling it to the unit.
    total += BigInt(whole || '0') * scale;
    if (fraction) total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    at += all.length;
  }
  if (total > MAX_NS + (negative ? 1n : 0n)) return undefined;
  return negative ? -total : total;
}

/** Milliseconds (maybe fractional), or undefined: what template options store. */
export function parseGoDurationMs(text: string): number | undefined {
  const ns = parseGoDuration(text);
  return ns === undefined ? undefined : nsToMs(ns);
}

/** Go's Duration.String: "1s", "1m30s", "4m0.000000002s", "500ms", "1h0m0s", "-1m0s", "0s". */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${decimal(u, 3)}µs`;
  if (u < NS_PER_SECOND) return `${sign}${decimal(u, 6)}ms`;
  let text = `${decimal(u % NS_PER_MINUTE, 9)}s`;
  if (u >= NS_PER_MINUTE) {
    const minutes = u / NS_PER_MINUTE;
    text = `${minutes % 60n}m${text}`;
    if (minutes >= 60n) text = `${minutes / 60n}h${text}`;
  }
  return `${sign}${text}`;
}

/** Milliseconds as a JS number; exact to the nanosecond for waits shorter than ~100 days. */
export function nsToMs(ns: bigint): number {
  return Number(ns) / 1e6;
}

export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1e6));
}

function decimal(value: bigint, digits: number): string {
  const divisor = 10n ** BigInt(digits);
  const fraction = (value % divisor).toString().padStart(digits, '0').replace(/0+$/u, '');
  return fraction ? `${value / divisor}.${fraction}` : `${value / divisor}`;
}
