// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HclSyntaxError, parseHclFile } from '../../src/hcl/index.js';

function failure(text: string): HclSyntaxError {
  try {
    parseHclFile('t.pkr.hcl', text);
  } catch (error) {
    if (error instanceof HclSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('parseHclFile: syntax errors name hclsyntax summary and line:col', () => {
  it.each([
    ['a = 1 b = 2\n', 'Missing newline after argument', '1:7'],
    ['a = 1, b = 2\n', 'Unexpected comma after argument', '1:6'],
    ['source "qemu" "x" {\n  a = 1\n', 'Unclosed configuration block', '1:19'],
    ['x { a = 1\n}\n', 'Invalid single-argument block definition', '1:10'],
    ['x { a = 1, b = 2 }\n', 'Invalid single-argument block definition', '1:10'],
    ['x { y {} }\n', 'Argument definition required', '1:5'],
    ['x {} y = 1\n', 'Missing newline after block definition', '1:6'],
    ['x = {\n', 'Unterminated object constructor expression', '1:5'],
    ['b "x" = 1\n', 'Invalid block definition', '1:7'],
    ['b "x"\n{\n}\n', 'Invalid block definition', '1:6'],
    ['b "x" 1 {}\n', 'Invalid block definition', '1:7'],
    ['b 1 {}\n', 'Argument or block definition required', '1:1'],
    ['b "${x}" {}\n', 'Invalid string literal', '1:4'],
    ['"a" = 1\n', 'Invalid argument name', '1:1'],
    ['a\n', 'Argument or block definition required', '1:1'],
    ['= 1\n', 'Argument or block definition required', '1:1'],
    ['a = 1\na = 2\n', 'Attribute redefined', '2:1'],
    ['a =\n', 'Invalid expression', '1:4'],
    ['a = ', 'Missing expression', '1:5'],
    ['a = "abc\n', 'Unterminated template string', '1:9'],
    ['a = "abc', 'Unterminated template string', '1:9'],
    ['a = "${b', 'Unclosed template interpolation sequence', '1:6'],
    ['a = "${b"\n', 'Extra characters after interpolation expression', '1:9'],
    ['a = "${b c}"\n', 'Extra characters after interpolation expression', '1:10'],
    ['a = "%{ endif }"\n', 'Unexpected endif directive', '1:6'],
    ['a = "%{ if x }y"\n', 'Unexpected end of template', '1:6'],
    ['a = "%{ bogus }"\n', 'Invalid template control keyword', '1:9'],
    ['a = "\\q"\n', 'Invalid escape sequence', '1:6'],
    ['a = <<EOF\nno end\n', 'Unterminated template string', '3:1'],
    ['a = [1 2]\n', 'Missing item separator', '1:8'],
    ['a = [1,\n', 'Missing expression', '2:1'],
    ['a = { b }\n', 'Missing key/value separator', '1:9'],
    ['a = { b = 1 c = 2 }\n', 'Missing attribute separator', '1:13'],
    ['a = f(1 2)\n', 'Missing argument separator', '1:9'],
    ['a = f(x..., y)\n', 'Missing closing parenthesis', '1:11'],
    ['a = (1 + 2\n', 'Unbalanced parentheses', '2:1'],
    ['a = b ? c\n', 'Missing false expression in conditional', '1:10'],
    ['a = x.\n', 'Invalid attribute name', '1:7'],
    ['a = x[0\n', 'Missing close bracket on index', '2:1'],
    ['a = x[*.b\n', 'Missing close bracket on splat index', '1:8'],
    ['a = 1.2.3\n', 'Invalid number literal', '1:5'],
    ['a = [for x y]\n', "Invalid 'for' expression", '1:12'],
    ['a = [for x in y]\n', "Invalid 'for' expression", '1:16'],
    ['a = [for x in y: x...]\n', "Invalid 'for' expression", '1:19'],
    ['a = {for k, v in m: k v}\n', "Invalid 'for' expression", '1:23'],
    ["a = 'x'\n", 'Invalid character', '1:5'],
    ['a = 1;\n', 'Invalid character', '1:6'],
    ['a = b & c\n', 'Invalid character', '1:7'],
    ['/* never closed\na = 1\n', 'Unterminated comment', '1:1'],
  ])('%j → %s at %s', (text, summary, at) => {
    const error = failure(text);
    expect(error.summary).toBe(summary);
    expect(`${error.range.start.line}:${error.range.start.column}`).toBe(at);
  });

  it('prints file:line:col, the message, and the offending line with a caret', () => {
    const error = failure('source "qemu" "x" {\n  cpus = 2 memory = 1024\n}\n');
    expect(error.message).toBe(
      't.pkr.hcl:2:12: Missing newline after argument: An argument definition must end with a newline.\n' +
        '   1: source "qemu" "x" {\n' +
        '   2:   cpus = 2 memory = 1024\n' +
        '                 ^',
    );
    expect(error.code).toBe('hcl-syntax');
  });
});

describe('parseHclFile on broken input', () => {
  const FIXTURES = new URL('../fixtures/hcl2/', import.meta.url).pathname;
  const sample = readFileSync(join(FIXTURES, 'bento/packer_templates/pkr-sources.pkr.hcl'), 'utf8');

  it('throws only HclSyntaxError, for every prefix and every one-character deletion of a real file', () => {
    const unexpected: string[] = [];
    const attempt = (text: string, what: string) => {
      try {
        parseHclFile('t.pkr.hcl', text);
      } catch (error) {
        if (!(error instanceof HclSyntaxError)) unexpected.push(`${what}: ${String(error)}`);
      }
    };
    for (let cut = 0; cut < sample.length; cut += 97) {
      attempt(sample.slice(0, cut), `prefix ${cut}`);
      attempt(sample.slice(0, cut) + sample.slice(cut + 1), `deletion at ${cut}`);
    }
    expect(unexpected).toEqual([]);
  });
});
