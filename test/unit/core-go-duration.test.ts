// The one Go-duration parser: what Go's time.ParseDuration accepts, exactly, and Duration.String.
import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration, parseGoDurationMs } from '../../src/core/go-duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['10s', 10_000_000_000n],
    ['1m30s', 90_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['-1s', -1_000_000_000n],
    ['+2ms', 2_000_000n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['0', 0n],
    ['-0', 0n],
    ['1µs', 1_000n],
    ['1μs', 1_000n],
    ['1us2ns', 1_002n],
    ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
  ])('%s', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each(['', '1', '10', 's', '.s', '1x', '1s ', ' 1s', '--1s', '1.2.3s', '2562047h47m16.854775808s'])(
    'refuses %j',
    (text) => {
      expect(parseGoDuration(text)).toBeUndefined();
    },
  );

  it('gives template options milliseconds', () => {
    expect(parseGoDurationMs('1m')).toBe(60_000);
    expect(parseGoDurationMs('1.5ms')).toBe(1.5);
    expect(parseGoDurationMs('nope')).toBeUndefined();
  });

  it("prints as Go's Duration.String", () => {
    expect(formatGoDuration(90_000_000_000n)).toBe('1m30s');
    expect(formatGoDuration(3_600_000_000_000n)).toBe('1h0m0s');
    expect(formatGoDuration(-1_500_000n)).toBe('-1.5ms');
  });
});
