// Go text/template's built-in functions, blocks and variables: every expected value was printed by Packer
// 1.6.6's `packer console` for the same line.
import { describe, expect, it } from 'vitest';
import { createConsoleEvaluator } from '../../src/commands/console-evaluator.js';

const evaluate = createConsoleEvaluator({ template: undefined, cwd: '/tmp', env: {} });
const value = (line: string) => {
  const result = evaluate(line);
  expect(result.diagnostic).toBeUndefined();
  return result.output;
};
const error = (line: string) => evaluate(line).diagnostic ?? '';

describe('Go built-ins as Packer 1.6.6 prints them', () => {
  it.each([
    [
      '{{ printf "%s-%d-%v-%q-%5.2f|%-4s|%04d|%x|%X|%o|%b|%c|%t|%%|%e|%g|%T|%T" "a" 42 true "q\\"" 3.14159 "ab" 7 255 "hi" 8 5 65 false 1234.5678 0.000012 "s" 3 }}',
      'a-42-true-"q\\""- 3.14|ab  |0007|ff|6869|10|101|A|false|%|1.234568e+03|1.2e-05|string|int',
    ],
    ['{{ printf "%d %s" 1 }}', '1 %!s(MISSING)'],
    ['{{ printf "%d" "x" }}', '%!d(string=x)'],
    [
      '{{ printf "%v %v" 1.5 2 }} {{ printf "%6.3v|%+d|% d|%#x|%#o|%x" 3.14159 5 5 255 8 -255 }}',
      '1.5 2   3.14|+5| 5|0xff|010|-ff',
    ],
    ['{{ print "a" "b" 1 2 "c" true false 3 }}', 'ab1 2ctrue false 3'],
    ['{{ println "a" 1 }}', 'a 1\n'],
    [
      '{{ len "héllo" }} {{ index "abc" 1 }} {{ slice "abcdef" 1 3 }} {{ slice "abcdef" 2 }} {{ slice "abc" }}',
      '6 98 bc cdef abc',
    ],
    [
      '{{ and 1 0 "x" }} {{ and 1 2 }} {{ or 0 "" "z" }} {{ or 0 "" }} {{ not "" }} {{ not 1 }}',
      '0 2 z  true false',
    ],
    [
      '{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}',
      'true true true true true true false',
    ],
    [
      '{{ html "<a href=\'x\'>&\\"" }} {{ js "<a href=\'x\'>&\\"=\\\\ é\\n" }} {{ urlquery "a b&c=d/é" }} {{ html 1 "x" }} {{ urlquery "a" 1 }}',
      "&lt;a href=&#39;x&#39;&gt;&amp;&#34; \\u003Ca href\\u003D\\'x\\'\\u003E\\u0026\\\"\\u003D\\\\ é\\u000A a+b%26c%3Dd%2F%C3%A9 1x a1",
    ],
    [
      '{{ if eq 1 1 }}yes{{ else }}no{{ end }} {{ if "" }}yes{{ else if 1 }}elif{{ end }} {{ with "w" }}<{{ . }}>{{ end }} {{ with "" }}x{{ else }}empty{{ end }}',
      'yes elif <w> empty',
    ],
    ['{{ $x := "val" }}{{ $x }}-{{ $x = "new" }}{{ $x }} {{ $ }}', 'val-new <no value>'],
    ['{{- "trim" -}}   x', 'trimx'],
    ['{{ if 1 }}{{ $y := 2 }}{{ $y }}{{ end }}', '2'],
    ['{{ "abc" | len }} {{ 3 | printf "%d-%s" "x" }}', '3 %!d(string=x)-%!s(int=3)'],
    [
      '{{ printf "%v" nil }} {{ print nil }} {{ printf "%s" 5 }} {{ printf "%d" 1.5 }} {{ printf "%!" }} {{ printf "%z" 1 }} {{ printf "x" 1 }}',
      '<nil> <nil> %!s(int=5) %!d(float64=1.5) %!!(MISSING) %!z(int=1) x%!(EXTRA int=1)',
    ],
    [
      '{{ js "\\u0001\\t" }} {{ printf "%08.3f|%-8.2e|%x|%q" -3.14159 1234.5 "hi" 7 }}',
      "\\u0001\\u0009 -003.142|1.23e+03|6869|'\\a'",
    ],
    [
      '{{ printf "%5t|%v|%s" true 1e21 1e20 }} {{ print 1.0 }} {{ print 100000000.0 }} {{ print 1e-5 }}',
      ' true|1e+21|%!s(float64=1e+20) 1 1e+08 1e-05',
    ],
    ['{{ if 0 }}a{{ else if "" }}b{{ else if 3 }}c{{ else }}d{{ end }}|{{ if false }}x{{ end }}|', 'c||'],
    ['a {{- if 1 -}} b {{- else -}} c {{- end -}} d', 'abd'],
    ['{{ $a := 1 }}{{ if true }}{{ $a = 2 }}{{ $b := 3 }}{{ end }}{{ $a }}', '2'],
    ['{{ with $x := "v" }}{{ $x }}{{ . }}{{ end }}', 'vv'],
    ['{{ range .Foo }}x{{ else }}none{{ end }}', 'none'],
    [
      '{{ printf "%v|%v|%v" 1234567.0 123456.0 0.0001 }} {{ 1.5 }} {{ 2.0 }} {{ -0.5 }}',
      '1.234567e+06|123456|0.0001 1.5 2 -0.5',
    ],
    ['{{ not (eq (len "ab") 2) }} {{ (printf "%s" "x") | printf "%s%s" "y" }}', 'false yx'],
    ['{{ eq true true }}', 'true'],
    ["{{ eq 1.0 1.0 }} {{ printf \"%T %T %T\" 1.0 'a' 0x10 }} {{ print 'a' }}", 'true float64 int int 97'],
  ])('%s', (line, expected) => {
    expect(value(line)).toBe(expected);
  });

  it.each([
    ['{{ eq 1 "a" }}', 'incompatible types for comparison'],
    ['{{ lt 1 1.5 }}', 'incompatible types for comparison'],
    ['{{ lt true false }}', 'invalid type for comparison'],
    ['{{ range $i, $c := "ab" }}{{ $i }}{{ end }}', "range can't iterate over ab"],
    ['{{ len 3 }}', 'len of type int'],
    ['{{ index "abc" 5 }}', 'index out of range: 5'],
    ['{{ slice "abc" 2 1 }}', 'invalid slice index: 2 > 1'],
    ['{{ eq 1 }}', 'missing argument for comparison'],
    ['{{ and }}', 'wrong number of args for and: want at least 1 got 0'],
    ['{{ $b }}', 'undefined variable "$b"'],
    ['{{ $x := 1 }}{{ $x.Foo }}', "can't evaluate field Foo in type int"],
    ['{{ if 1 }}x', 'unexpected EOF'],
    ['{{ else }}', 'unexpected {{else}}'],
  ])('%s fails: %s', (line, message) => {
    expect(error(line).replace(/\n/g, ' ')).toContain(message);
  });
});
