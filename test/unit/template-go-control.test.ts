// Go text/template control as Debian's Packer 1.6.6 (Go 1.19) runs it: and/or stop early, eq with nil,
// {{break}}/{{continue}} in range, and Go's limits on integer literals. Expected values are `packer console`'s.
import { describe, expect, it } from 'vitest';
import { createConsoleEvaluator } from '../../src/commands/console-evaluator.js';
import { bindFunctions } from '../../src/gotemplate/functions/function-table.js';
import { GO_BUILTIN_FUNCTIONS } from '../../src/gotemplate/functions/go-builtins.js';
import { renderGoTemplate } from '../../src/gotemplate/render.js';

const evaluate = createConsoleEvaluator({ template: undefined, cwd: '/tmp', env: {} });
const value = (line: string) => {
  const result = evaluate(line);
  expect(result.diagnostic).toBeUndefined();
  return result.output;
};
const error = (line: string) => (evaluate(line).diagnostic ?? '').replace(/\n/g, ' ');

describe('Go 1.19 template semantics, as packer console prints them', () => {
  it.each([
    ['{{ and 0 (index "a" 9) }}|{{ or 1 (index "a" 9) }}', '0|1'],
    ['{{ "x" | and 1 }}|{{ "" | or 0 }}|{{ or 0 "" "z" }}', 'x||z'],
    [
      '{{ eq nil nil }} {{ eq nil 1 }} {{ eq 1 nil }} {{ ne nil 1 }} {{ eq . nil }} {{ eq "a" nil "a" }}',
      'true false false true true true',
    ],
    ['{{ range . }}{{ break }}{{ end }}ok {{ range . }}{{ continue }}{{ end }}ok', 'ok ok'],
    ['{{ 9007199254740991 }} {{ -9007199254740991 }}', '9007199254740991 -9007199254740991'],
  ])('%s', (line, expected) => {
    expect(value(line)).toBe(expected);
  });

  it.each([
    ['{{ and 1 (index "a" 9) }}', 'index out of range: 9'],
    ['{{ lt nil 1 }}', 'invalid type for comparison'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{ if }}x{{ end }}', 'missing value for if'],
    ['{{ range $x := }}{{ end }}', 'missing value for range'],
    ['{{ $x := }}', 'missing value for command'],
    ['{{ range . }}{{ else }}{{ continue }}{{ end }}', '{{continue}} outside {{range}}'],
    ['{{ range . }}{{ break 1 }}{{ end }}', 'unexpected "1"'],
    ['{{ 100000000000000000000 }}', 'integer overflow: "100000000000000000000"'],
    ['{{ 9223372036854775808 }}', '9223372036854775808 overflows int'],
    ['{{ 0x8000000000000000 }}', '0x8000000000000000 overflows int'],
    ['{{ 1e400 }}', 'illegal number syntax: "1e400"'],
    // Go prints it; Kiln's float64 cannot hold it exactly, so it refuses rather than print 9007199254740992.
    ['{{ 9007199254740993 }}', 'beyond 2^53'],
  ])('%s fails: %s', (line, message) => {
    expect(error(line)).toContain(message);
  });
});

describe('break and continue over a map (Go ranges keys in order)', () => {
  const render = (text: string) =>
    renderGoTemplate(text, {
      data: { M: { a: 'A', b: 'B', c: 'C', d: 'D' } },
      functions: bindFunctions(GO_BUILTIN_FUNCTIONS, {
        phase: 'runtime',
        templatePath: '/tmp/t.json',
        cwd: '/tmp',
        initTime: new Date(0),
        env: {},
        userVariables: new Map(),
        data: {},
      }),
      keepUnresolved: false,
    });

  it('keeps what the body printed before break, and skips the rest of an iteration on continue', () => {
    expect(render('{{ range $k, $v := .M }}<{{ $v }}{{ if eq $k "c" }}{{ break }}{{ end }}>{{ end }}')).toBe(
      '<A><B><C',
    );
    expect(render('{{ range $k, $v := .M }}{{ if eq $k "b" }}{{ continue }}{{ end }}{{ $v }}{{ end }}')).toBe(
      'ACD',
    );
    expect(render('{{ range .M }}{{ range $.M }}{{ break }}{{ end }}{{ . }}{{ end }}')).toBe('ABCD');
  });
});
