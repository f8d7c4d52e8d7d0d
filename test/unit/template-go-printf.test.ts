// printf as Go's fmt runs it: every expected value was printed by Packer 1.6.6's `packer console` (Debian's build,
// Go 1.19) for the same line.
import { describe, expect, it } from 'vitest';
import { createConsoleEvaluator } from '../../src/commands/console-evaluator.js';

const evaluate = createConsoleEvaluator({ template: undefined, cwd: '/tmp', env: {} });
const value = (line: string) => {
  const result = evaluate(line);
  expect(result.diagnostic).toBeUndefined();
  return result.output;
};

describe('printf as Packer 1.6.6 prints it', () => {
  it.each([
    // Argument indexes and * widths.
    ['{{ printf "%[3]d %[1]d %d %[5]d %[x]d" 1 2 3 }}', '3 1 2 %!d(BADINDEX) %!d(BADINDEX)'],
    ['{{ printf "%[1]d %[1]x %[1]o" 64 }}', '64 40 100'],
    ['{{ printf "%s %[1]s" "a" "b" }}', 'a a'],
    ['{{ printf "%[2]*[1]d|" 12 5 }}', '   12|'],
    ['{{ printf "%.*d|%*d|%-*d|" 3 5 4 7 -4 8 }}', '005|   7|8   |'],
    ['{{ printf "%.*d" -1 5 }} {{ printf "%*d" "x" 5 }}', '%!(BADPREC)5 %!(BADWIDTH)5'],
    // Rounding: half to even on the double's exact value.
    ['{{ printf "%.0f %.2f %.0e %.1f %.3g" 2.5 0.125 2.5 0.25 2.0005 }}', '2 0.12 2e+00 0.2 2'],
    ['{{ printf "%.3f %.2f %.1f" 1.0005 1.005 0.95 }}', '1.000 1.00 0.9'],
    [
      '{{ printf "%.20f" 0.1 }} {{ printf "%.15g|%.17g|%.1g|%.2g" 0.1 0.1 0.05 0.125 }}',
      '0.10000000000000000555 0.1|0.10000000000000001|0.05|0.12',
    ],
    [
      '{{ printf "%g|%g|%g|%G|%.3e|%.10g" 1e-5 123456789.0 0.000012345 1e-10 123456.0 1.0 }}',
      '1e-05|1.23456789e+08|1.2345e-05|1E-10|1.235e+05|1',
    ],
    ['{{ printf "%e" 1e-320 }}', '9.999889e-321'],
    // Hex and binary floats.
    [
      '{{ printf "%x %X %.2x %b" 1.5 -0.1 3.14159 1.5 }}',
      '0x1.8p+00 -0X1.999999999999AP-04 0x1.92p+01 6755399441055744p-52',
    ],
    ['{{ printf "%x" 5e-324 }}', '0x1p-1074'],
    // Flags.
    ['{{ printf "%+v|%+v|%#v|%+d" 5 1.5 5 5 }}', '5|1.5|5|+5'],
    ['{{ printf "%#v|%#v|%+v" "a\\"" true "s" }}', '"a\\""|true|s'],
    ['{{ printf "%#x|% x|% #x|%.1x|%#X" "ab" "ab" "ab" "ab" "ab" }}', '0x6162|61 62|0x61 0x62|61|0X6162'],
    [
      '{{ printf "%#U|%+q|%#q|%#q|%+q" 65 "é" "a" "a`b" 233 }}',
      'U+0041 \'A\'|"\\u00e9"|`a`|"a`b"|\'\\u00e9\'',
    ],
    ['{{ printf "%#.0f|%#g|%#e|%#.3g|%#v" 3.0 1.5 2.0 100.0 1.0 }}', '3.|1.50000|2.000000e+00|100.|1'],
    [
      '{{ printf "%#08x|%08.3d|%-08d|%+08d|%o %#o %O %#b" 255 7 3 -3 8 8 8 5 }}',
      '0x000000ff|     007|3       |-0000003|10 010 0o10 0b101',
    ],
    [
      '{{ printf "%08.3f|%-8.2f|%+08.2f|% 8.2f" -3.14159 2.5 2.5 2.5 }}',
      '-003.142|2.50    |+0002.50|    2.50',
    ],
    ['{{ printf "%6.2v|%05v|%x" 1.0 -1.5 -1.5 }}', '     1|-01.5|-0x1.8p+00'],
    ['{{ printf "%.0d|%5.0d|%c|%q|%U|%#U" 0 0 233 10 128512 10 }}', "|     |é|'\\n'|U+1F600|U+000A"],
    ['{{ printf "%U" -1 }}', 'U+FFFFFFFFFFFFFFFF'],
    ['{{ printf "%q|%+q|%x" "\\u00a0\\u2028x" "日本" "日" }}', '"\\u00a0\\u2028x"|"\\u65e5\\u672c"|e697a5'],
    ['{{ printf "%5s|%-5s|%05d|%5.2s|" "ab" "ab" -42 "abc" }}', '   ab|ab   |-0042|   ab|'],
    ['{{ printf "%-5t|%05t|%5v|%-5v|%10T|" true false nil true 1 }}', 'true |false|<nil>|true |       int|'],
  ])('%s', (line, expected) => {
    expect(value(line)).toBe(expected);
  });
});
