// The Go text/template subset: syntax, pipes, trim markers, errors naming expression and position, phased rendering.

import { describe, expect, it } from 'vitest';
import { printValue } from '../../src/gotemplate/values.js';
import { GoTemplateError, renderGoTemplate, type TemplateValue } from '../../src/template/index.js';

const functions = new Map([
  [
    'upper',
    { params: ['string'] as const, call: (a: readonly TemplateValue[]) => String(a[0]).toUpperCase() },
  ],
  [
    'join',
    {
      params: [] as const,
      variadic: 'any' as const,
      call: (a: readonly TemplateValue[]) => a.map(printValue).join('+'),
    },
  ],
  ['user', { params: ['string'] as const, call: (a: readonly TemplateValue[]) => `<${String(a[0])}>` }],
  ['triple', { params: ['int'] as const, call: (a: readonly TemplateValue[]) => Number(a[0]) * 3 }],
  ['same', { params: ['any', 'any'] as const, call: (a: readonly TemplateValue[]) => a[0] === a[1] }],
]);

function render(text: string, data: Record<string, TemplateValue> = {}, keepUnresolved = false): string {
  return renderGoTemplate(text, { data, functions, keepUnresolved });
}

function failure(text: string, data: Record<string, TemplateValue> = {}): GoTemplateError {
  try {
    render(text, data);
  } catch (error) {
    if (error instanceof GoTemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('syntax', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{ .HTTPIP }}:{{.HTTPPort}}', '10.0.2.2:8080'],
    ['{{user `name`}}', '<name>'],
    ['{{ user "a\\tb\\u00e9" }}', '<a\tbé>'],
    ['{{ "x" | upper }}', 'X'],
    ['{{ .HTTPIP | upper | user }}', '<10.0.2.2>'],
    ['{{ upper (user `x`) }}', '<X>'],
    ['{{ join 1 2.5 true "s" }}', '1+2.5+true+s'],
    ['{{ triple 0x10 }} {{ triple -2 }} {{ triple 010 }}', '48 -6 24'],
    ['{{ 3 }} {{ 1.5 }} {{ true }} {{ "lit" }}', '3 1.5 true lit'],
    ['{{ .Nested.Key }}', 'deep'],
    ['a {{- " b " -}} c', 'a b c'],
    ['a  \n{{- .HTTPIP }}', 'a10.0.2.2'],
    ['{{ .HTTPIP -}}  \n z', '10.0.2.2z'],
    ['{{-3}}', '-3'],
    ['x{{/* a comment */}}y', 'xy'],
    ['x {{- /* trimmed */ -}} y', 'xy'],
    ['{{ "}}" }}', '}}'],
    ['{{ `multi\nline` }}', 'multi\nline'],
    ["{{ triple 'a' }}", '291'],
  ])('%s', (text, expected) => {
    expect(render(text, { HTTPIP: '10.0.2.2', HTTPPort: 8080, Nested: { Key: 'deep' } })).toBe(expected);
  });
});

describe('errors name the expression and the position', () => {
  it('unknown function, with a suggestion', () => {
    const error = failure('boot {{ usr `x` }}');
    expect(error.message).toBe(
      'function "usr" not defined (did you mean "user"?) in {{ usr `x` }} (column 9)',
    );
    expect(error.column).toBe(9);
  });

  it('unknown field, listing the available ones', () => {
    expect(failure('{{ .HTTPIPP }}', { HTTPIP: 'a', Name: 'b' }).message).toBe(
      'unknown field .HTTPIPP (did you mean .HTTPIP?); available here: .HTTPIP, .Name in {{ .HTTPIPP }} (column 4)',
    );
  });

  it('positions on later lines use line and column', () => {
    const error = failure('line one\n  {{ nope }}');
    expect([error.line, error.column]).toEqual([2, 6]);
    expect(error.message).toContain('(line 2, column 6)');
  });

  it.each([
    ['{{ upper }}', 'wrong number of args for upper: want 1 got 0'],
    ['{{ triple "x" }}', 'wrong argument 1 for triple: wrong type for value; expected int; got string'],
    ['{{ upper 3 }}', 'expected string; got int'],
    ['{{ "a" | .X }}', "can't give argument to non-function .X"],
    ['{{ template "x" }}', 'template "x" not defined'],
    ['{{ $x }}', 'undefined variable "$x"'],
    ['{{ if .X }}x', 'unexpected EOF'],
    ['x{{ end }}', 'unexpected {{end}}'],
    ['{{ upper "x" ', 'unclosed action'],
    ['{{ "abc }}', 'unterminated quoted string'],
    ['{{ (upper "x" }}', 'unclosed left paren'],
    ['{{ }}', 'missing value for command'],
    ['{{ upper "x" | }}', 'missing value for command'],
    ['{{ "\\q" }}', 'unknown escape sequence'],
    ['{{ nil }}', 'nil is not a command'],
    ['{{ # }}', 'unexpected character'],
  ])('%s', (text, detail) => {
    expect(failure(text, { X: 'x' }).message).toContain(detail);
  });
});

describe('phased rendering', () => {
  it('keeps actions with unknown fields verbatim, trim markers and spaces included', () => {
    const text = 'vm {{- .Name -}} : {{ user `a` }} {{ .HTTPIP | upper }}  {{- " z" }}';
    const first = render(text, {}, true);
    expect(first).toBe('vm {{- .Name -}} : <a> {{ .HTTPIP | upper }} z');
    expect(render(first, { Name: 'n', HTTPIP: 'ip' })).toBe('vmn: <a> IP z');
  });

  it('fails on the same unknown field when keeping is off', () => {
    expect(() => render('{{ .Name }}', {}, false)).toThrow(/unknown field \.Name/);
  });

  it('keeps a whole block, and actions using a variable declared by a kept action, for the later phase', () => {
    const text =
      '{{ if same .Name "a" }}A{{ else }}{{ user `b` }}{{ end }} {{ $n := .Name }}{{ upper $n }} {{ "k" }}';
    const first = render(text, {}, true);
    expect(first).toBe(
      '{{ if same .Name "a" }}A{{ else }}{{ user `b` }}{{ end }} {{ $n := .Name }}{{ upper $n }} k',
    );
    expect(render(first, { Name: 'a' })).toBe('A A k');
    expect(render(first, { Name: 'z' })).toBe('<b> Z k');
  });

  it('runs blocks whose values are known at once, ranging over maps in key order', () => {
    const data = { M: { b: '2', a: '1' }, E: {}, X: 'x' };
    expect(render('{{ range $k, $v := .M }}{{ $k }}={{ $v }};{{ end }}', data)).toBe('a=1;b=2;');
    expect(render('{{ range .M }}[{{ . }}]{{ end }}{{ with .X }}<{{ . }}>{{ end }}', data)).toBe('[1][2]<x>');
    expect(render('{{ range .E }}x{{ else }}empty{{ end }}', data)).toBe('empty');
  });

  it('still reports syntax errors and unknown functions while keeping', () => {
    expect(() => render('{{ .Name | nope }}', {}, true)).toThrow(/function "nope" not defined/);
  });
});
