// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import { type Attribute, type Expression, type NativeBlock, parseHclFile } from '../../src/hcl/index.js';
import { show } from './hcl-ast-print.js';

const parse = (text: string) => parseHclFile('t.pkr.hcl', text);
/** The expression of `a = <src>`. */
const expr = (src: string): Expression => (parse(`a = ${src}\n`).body.items[0] as Attribute).expr;
const tree = (src: string): string => show(expr(src));

describe('parseHclFile: bodies', () => {
  const file = parse(
    [
      '# comment',
      'packer {',
      '  required_version = ">= 1.7.0" // trailing',
      '}',
      '',
      'source "qemu" "base" {',
      '  cpus = 2 /* inline */',
      '  nested bare { x = 1 }',
      '  empty {}',
      '}',
      'variable "x" {}',
      'top = true',
    ].join('\n'),
  );
  const [packer, source, variable, top] = file.body.items as [
    NativeBlock,
    NativeBlock,
    NativeBlock,
    Attribute,
  ];

  it('reads blocks, labels (quoted and bare), attributes and one-line blocks', () => {
    expect(
      file.body.items.map((i) => (i.kind === 'Block' ? `${i.type}/${i.labels.map((l) => l.value)}` : i.name)),
    ).toEqual(['packer/', 'source/qemu,base', 'variable/x', 'top']);
    const [cpus, nested, empty] = source.body.items as [Attribute, NativeBlock, NativeBlock];
    expect(cpus.name).toBe('cpus');
    expect(nested.labels).toMatchObject([{ value: 'bare', quoted: false }]);
    expect(nested.singleLine).toBe(true);
    expect((nested.body.items[0] as Attribute).name).toBe('x');
    expect(empty.body.items).toEqual([]);
    expect(variable.labels[0]).toMatchObject({ value: 'x', quoted: true });
    expect(show(top.expr)).toBe('true');
  });

  it('gives every node its range: line, column, byte offset', () => {
    expect(packer.typeRange).toEqual({
      file: 't.pkr.hcl',
      start: { line: 2, column: 1, byte: 10 },
      end: { line: 2, column: 7, byte: 16 },
    });
    const version = packer.body.items[0] as Attribute;
    expect(version.nameRange.start).toEqual({ line: 3, column: 3, byte: 21 });
    expect(version.expr.range.start).toMatchObject({ line: 3, column: 22 });
    expect(version.expr.range.end).toMatchObject({ line: 3, column: 32 });
    expect(source.labels[1]?.range.start).toMatchObject({ line: 6, column: 15 });
    expect(source.range.end).toMatchObject({ line: 10, column: 2 });
    expect(source.closeBraceRange.start).toMatchObject({ line: 10, column: 1 });
  });

  it('counts columns in grapheme clusters and offsets in UTF-8 bytes', () => {
    const attr = parse('é = "ü"\nb = 1\n').body.items[1] as Attribute;
    expect(attr.nameRange.start).toEqual({ line: 2, column: 1, byte: 10 });
    const first = parse('é = "ü"\n').body.items[0] as Attribute;
    expect(first.expr.range.start).toEqual({ line: 1, column: 5, byte: 5 });
    // e + combining acute accent is one grapheme cluster: one column, three bytes.
    const combined = parse('x = "e\u0301" + y\n').body.items[0] as Attribute;
    const sum = combined.expr;
    if (sum.kind !== 'Binary') throw new Error(sum.kind);
    expect(sum.right.range.start).toEqual({ line: 1, column: 11, byte: 12 });
  });

  it('accepts a file without a final newline, CRLF line ends and a BOM', () => {
    expect(parse('a = 1').body.items).toHaveLength(1);
    expect(parse('\ufeffa = 1\r\nb {\r\n  c = 2\r\n}\r\n').body.items).toHaveLength(2);
  });
});

describe('parseHclFile: expressions', () => {
  it.each([
    ['1', '1'],
    ['1.5e3', '1.5e3'],
    ['false', 'false'],
    ['null', 'null'],
    ['"plain"', '(tmpl "plain")'],
    ['""', '(tmpl)'],
    ['"a\\n\\"b\\u00e9\\t"', '(tmpl "a\\n\\"bé\\t")'],
    ['"$${x} %%{y} $ %"', '(tmpl "${x} %{y} $ %")'],
    ['"a ${b} c"', '(tmpl "a " ${b} " c")'],
    ['"${b}"', '(tmpl ${b})'],
    ['"x ${ { a = 1 } } y"', '(tmpl "x " ${{a=1}} " y")'],
    ['"%{ if c }yes%{ else }no%{ endif }"', '(tmpl %{if c}"yes"%{else}"no"%{endif})'],
    ['"%{ for k, v in m }${k}=${v},%{ endfor }"', '(tmpl %{for k,v in m}${k}"="${v}","%{endfor})'],
    ['"a  ${~ b ~}  c"', '(tmpl "a" ${b} "c")'],
    ['"x %{~ if c ~} y %{~ endif ~} z"', '(tmpl "x" %{if c}"y"%{else}%{endif} "z")'],
    ['[]', '[]'],
    ['[1, "two", [3],]', '[1 (tmpl "two") [3]]'],
    ['[\n  1,\n  2\n]', '[1 2]'],
    ['{}', '{}'],
    ['{ a = 1, b: 2 }', '{a=1 b=2}'],
    ['{\n  a = 1\n  "b c" = 2\n  (k) = 3\n}', '{a=1 (tmpl "b c")=2 (paren k)=3}'],
    ['f()', '(f)'],
    ['f(1, g(x), )', '(f 1 (g x))'],
    ['concat(a, b...)', '(concat a b ...)'],
    ['provider::ns::f(1)', '(provider::ns::f 1)'],
    ['f(\n  1,\n  2\n)', '(f 1 2)'],
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (paren (+ 1 2)) 3)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a || b && c == d', '(|| a (&& b (== c d)))'],
    ['a < b == c >= d', '(== (< a b) (>= c d))'],
    ['a != b || !c', '(|| (!= a b) (! c))'],
    ['-a.b % 2', '(% (- (. a b)) 2)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['x > 1 ? "big" : "small"', '(? (> x 1) (tmpl "big") (tmpl "small"))'],
    ['[for s in list : upper(s)]', '(for s in list: (upper s))'],
    ['[for i, s in list : s if i > 0]', '(for i,s in list: s if (> i 0))'],
    ['{for k, v in m : v => k...}', '(for k,v in m: v => k...)'],
    ['{ for k, v in m : k => v if v != null }', '(for k,v in m: k => v if (!= v null))'],
    ['[for x in [1]: x]', '(for x in [1]: x)'],
    ['a.b.c', '(. (. a b) c)'],
    ['a[0]["k"]', '(idx (idx a 0) (tmpl "k"))'],
    ['a.0', '(idx. a 0)'],
    ['a.0.1.b', '(. (idx. (idx. a 0) 1) b)'],
    ['a.*.b.c', '(.* a (. (. @ b) c))'],
    ['a.*.b[0]', '(idx (.* a (. @ b)) 0)'],
    ['a[*].b[0].c', '([*] a (. (idx (. @ b) 0) c))'],
    ['a[*].b[*].c', '([*] ([*] a (. @ b)) (. @ c))'],
    ['f(x)[0].y', '(. (idx (f x) 0) y)'],
    ['local.list[count.index]', '(idx (. local list) (. count index))'],
    ['a-b', 'a-b'],
    ['a - b', '(- a b)'],
  ])('%s', (src, want) => {
    expect(tree(src)).toBe(want);
  });

  it('reads heredocs, and <<- removes the common indentation', () => {
    expect(tree('<<EOF\n  one ${x}\n    two\nEOF')).toBe('(tmpl "  one " ${x} "\\n    two\\n")');
    expect(tree('<<-EOT\n    one\n      two\n\n    three\n    EOT')).toBe(
      '(tmpl "one\\n  two\\n\\nthree\\n")',
    );
    // As hclsyntax: `~}` trims only the next literal token (the rest of its line), so the indentation of the
    // following line is not a line start for <<- any more and stays.
    expect(tree('<<-EOT\n  %{ for x in xs ~}\n  ${x}\n  %{ endfor ~}\n  EOT')).toBe(
      '(tmpl %{for x in xs}"  "${x}"\\n"%{endfor})',
    );
    const e = expr('<<EOF\nhi\nEOF');
    expect(e.kind === 'Template' && e.heredoc).toEqual({ marker: 'EOF', flush: false });
    expect(e.range.end).toMatchObject({ line: 3, column: 4 });
  });

  it('keeps ranges on expressions inside templates and operators', () => {
    const e = expr('"x ${foo.bar} y"');
    if (e.kind !== 'Template') throw new Error(e.kind);
    const interp = e.parts[1];
    if (interp?.kind !== 'Interpolation') throw new Error('no interpolation');
    expect(interp.expr.range.start).toMatchObject({ line: 1, column: 10, byte: 9 });
    expect(interp.expr.range.end).toMatchObject({ line: 1, column: 17 });
    const sum = expr('(1 +\n  2)');
    expect(sum.range.end).toMatchObject({ line: 2, column: 5 });
  });

  it('parses every real Packer file it was given without loss of items', () => {
    expect(parse('a = [\n  # c\n  1, // d\n  2, /* e */\n]\n').body.items).toHaveLength(1);
  });
});
