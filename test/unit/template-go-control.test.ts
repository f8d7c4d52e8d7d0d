// Go text/template control as Debian's Packer 1.6.6 (Go 1.19) runs it: and/or stop early, eq with nil,
// {{break}}/{{continue}} in range, and Go's limits on integer literals. Expected values are `packer console`'s.
import { describe, expect, it } from 'vitest';
import { createConsoleEvaluator } from '../../src/commands/console-evaluator.js';
import { bindFunctions } from '../../src/gotemplate/functions/function-table.js';
import { GO_BUILTIN_FUNCTIONS } from '../../src/gotemplate/functions/go-builtins.js';
import { renderGoTemplate } from '../../src/gotemplate/render.js';
import type { TemplateRecord } from '../../src/gotemplate/values.js';

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

describe('named templates as packer console runs them', () => {
  it.each([
    ['{{ define "x" }}{{ end }}|{{ block "y" . }}{{ end }}', '|'],
    ['{{ define "x" }}X{{ . }}{{ end }}{{ template "x" 5 }}|{{ template "x" }}', 'X5|X<no value>'],
    ['{{ template "y" "a" }}{{ define "y" }}<{{ . }}{{ $ }}>{{ end }}', '<aa>'],
    ['{{ block "b" "v" }}[{{ . }}]{{ end }}-{{ template "b" "w" }}', '[v]-[w]'],
    ['{{ define "x" }}a{{ end }}{{ define "x" }} {{ end }}{{ template "x" }}', 'a'],
    [' {{- define "d" -}} x {{- end -}} y', 'y'],
    ['{{ with "q" }}{{ block "w" . }}<{{ . }}>{{ end }}{{ end }}', '<q>'],
  ])('%s', (line, expected) => {
    expect(value(line)).toBe(expected);
  });

  it.each([
    ['{{ template "x" }}', 'template "x" not defined'],
    ['{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}', 'multiple definition of template "x"'],
    ['{{ if 1 }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command'],
    ['{{ define x }}{{ end }}', 'unexpected "x" in define clause'],
    ['{{ block "x" }}{{ end }}', 'missing value for block clause'],
    ['{{ $v := 1 }}{{ define "d" }}{{ $v }}{{ end }}', 'undefined variable "$v"'],
    ['{{ range . }}{{ define "d" }}{{ break }}{{ end }}{{ end }}', 'unexpected <define> in command'],
    ['{{ define "d" }}{{ break }}{{ end }}', '{{break}} outside {{range}}'],
    ['{{ define "d" }}a{{ else }}b{{ end }}', 'unexpected {{else}} in define clause'],
    // Go stops at 100000 calls deep; Kiln at 1000.
    [
      '{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}',
      'exceeded maximum template depth (1000)',
    ],
  ])('%s fails: %s', (line, message) => {
    expect(error(line)).toContain(message);
  });
});

describe('rendering over template data: break and continue (Go ranges map keys in order), kept named templates', () => {
  const render = (
    text: string,
    data: TemplateRecord = { M: { a: 'A', b: 'B', c: 'C', d: 'D' } },
    keep = false,
  ) =>
    renderGoTemplate(text, {
      data,
      functions: bindFunctions(GO_BUILTIN_FUNCTIONS, {
        phase: 'runtime',
        templatePath: '/tmp/t.json',
        cwd: '/tmp',
        initTime: new Date(0),
        env: {},
        userVariables: new Map(),
        data: {},
      }),
      keepUnresolved: keep,
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

  it('keeps the definitions with a {{template}} left for a later phase, which then renders it', () => {
    const text = '{{ define "x" }}<{{ .HTTPIP }}>{{ end }}a{{ template "x" . }}';
    const kept = render(text, {}, true);
    expect(kept).toBe(text);
    expect(render(kept, { HTTPIP: '10.0.2.2' })).toBe('a<10.0.2.2>');
  });
});
