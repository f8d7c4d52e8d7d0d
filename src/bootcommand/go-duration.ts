// Go's time.ParseDuration / Duration.String, so `<waitXX>` accepts and prints exactly what Packer does.

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;
const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MINUTE = 60n * NS_PER_SECOND;

/**
 * Parses the text the boot-command grammar accepted as a Duration: one or more `-?digits(.digits)?unit`.
 * Like Go, a sign is only allowed in front of the first number, and values beyond ±2^63 ns are invalid;
 * both return undefined.
 */
export function parseGoDuration(text: string): bigint | undefined {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const parts = [...body.matchAll(/(\d+)(?:\.(\d+))?(ns|us|µs|ms|s|m|h)/gu)];
  if (parts.map((p) => p[0]).join('') !== body || parts.length === 0) return undefined;
  let total = 0n;
  for (const [, whole = '0', fraction = '', unit = ''] of parts) {
    const scale = UNIT_NS[unit];
    if (scale === undefined) return undefined;
    // Go truncates the fractional part after scaling it to the unit.
    total +=
      BigInt(whole) * scale + (fraction ? (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length) : 0n);
  }
  if (total > MAX_NS + (negative ? 1n : 0n)) return undefined;
  return negative ? -total : total;
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
