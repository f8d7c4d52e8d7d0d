// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source
// Expected values are taken from go-cty's stdlib tests (string_test.go, format_test.go, regexp_test.go) and
// Packer's function docs.
import { describe, expect, it } from 'vitest';
import { evalError, evalPlain } from './hcl-functions-helper.js';

describe('string functions', () => {
  it.each([
    ['chomp("hello\\n\\r\\n")', 'hello'],
    ['chomp("hello\\r\\n\\n")', 'hello'],
    ['indent(2, "[\\n  foo,\\n  bar,\\n]\\n")', '[\n    foo,\n    bar,\n  ]\n  '],
    ['join(", ", ["foo", "bar", "baz"])', 'foo, bar, baz'],
    ['join("-", ["a"], ["b", 1])', 'a-b-1'],
    ['lower("HELLO")', 'hello'],
    ['upper("hello")', 'HELLO'],
    ['replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'],
    ['replace("hello world", "/w.*d/", "everybody")', 'hello world'],
    ['split(",", "foo,bar,baz")', ['foo', 'bar', 'baz']],
    ['split(",", "")', ['']],
    ['strrev("hello")', 'olleh'],
    ['strrev("a☃b")', 'b☃a'],
    ['substr("hello world", 1, 4)', 'ello'],
    ['substr("hello world", -5, -1)', 'world'],
    ['substr("hello", 10, 2)', ''],
    ['substr("🤔🤷", 0, 1)', '🤔'],
    ['title("hello world")', 'Hello World'],
    ['title("hello-world_foo")', 'Hello-World_foo'],
    ['trim("?!hello?!", "!?")', 'hello'],
    ['trimprefix("helloworld", "hello")', 'world'],
    ['trimsuffix("helloworld", "world")', 'hello'],
    ['trimspace("  hello\\n")', 'hello'],
    ['upper(12)', '12'],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it('reports cty errors at the argument or the call', () => {
    expect(evalError('upper([1])')).toBe(
      'Invalid function argument: Invalid value for "str" parameter: string required.',
    );
    expect(evalError('upper(null)')).toBe(
      'Invalid function argument: Invalid value for "str" parameter: argument must not be null.',
    );
    expect(evalError('upper()')).toBe(
      'Not enough function arguments: Function "upper" expects 1 argument(s). Missing value for "str".',
    );
    expect(evalError('upper("a", "b")')).toBe(
      'Too many function arguments: Function "upper" expects only 1 argument(s).',
    );
    expect(evalError('join(",")')).toBe(
      'Error in function call: Call to function "join" failed: at least one list is required.',
    );
    expect(evalError('join(",", ["a", null])')).toBe(
      'Invalid function argument: Invalid value for "lists" parameter: element 1 is null; cannot concatenate null values.',
    );
    expect(evalError('substr("abc", 1.5, 1)')).toMatch(/"offset" parameter: value must be a whole number/);
  });
});

describe('format and formatlist', () => {
  it.each([
    ['format("100%% successful")', '100% successful'],
    ['format("string %v", "hello")', 'string hello'],
    ['format("string %[2]v", true, "hello")', 'string hello'],
    ['format("string %#v", "hello")', 'string "hello"'],
    ['format("number %#v", 2)', 'number 2'],
    ['format("bool %v", true)', 'bool true'],
    ['format("object %v", {})', 'object {}'],
    ['format("tuple %#v", [1, "a"])', 'tuple [1,"a"]'],
    ['format("%10s", "hello")', '     hello'],
    ['format("%-10s|", "hello")', 'hello     |'],
    ['format("%4s", "💃🏿")', '   💃🏿'],
    ['format("%4.2s", "hello")', '  he'],
    ['format("%6.2q", "hello")', '  "he"'],
    ['format("%5d green bottles", 10)', '   10 green bottles'],
    ['format("%x", 254)', 'fe'],
    ['format("%05d", -42)', '-0042'],
    ['format("%+d", 5)', '+5'],
    ['format("%f things", 10)', '10.000000 things'],
    ['format("%.2f", 3.14159)', '3.14'],
    ['format("%e things", 1000)', '1.000000e+03 things'],
    ['format("%g things", 1000)', '1000 things'],
    ['format("%g", 0.00000000000000000000001)', '1e-23'],
    ['format("%t", "true")', 'true'],
    ['format("%d", "12")', '12'],
    ['format("%s", 1.5)', '1.5'],
    ['formatlist("Hello, %s!", ["Valentina", "Ander"])', ['Hello, Valentina!', 'Hello, Ander!']],
    [
      'formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])',
      ['Salutations, Valentina!', 'Salutations, Ander!'],
    ],
    ['formatlist("%s", [])', []],
    ['formatlist("x")', ['x']],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    [
      'format("%s is not in the args list")',
      'not enough arguments for "%s" at 0: need index 1 but have 0 total',
    ],
    ['format("%[3]s x", true, true)', 'not enough arguments for "%[3]s" at 0: need index 3 but have 2 total'],
    ['format("%[0]s x", true, true)', "unrecognized format character '0' at offset 2"],
    ['format("%v %v %v", true, true)', 'not enough arguments for "%v" at 6: need index 3 but have 2 total'],
    ['format("%z x", 10)', `unsupported format verb 'z' in "%z" at offset 0`],
    ['format("%012z x", 10)', `unsupported format verb 'z' in "%012z" at offset 0`],
    ['format("%☠ x", 10)', "unrecognized format character '☠' at offset 1"],
    ['format("%d", 1.5)', 'unsupported value for "%d" at 0: an integer is required'],
    ['format("%d", "x")', 'unsupported value for "%d" at 0: a number is required'],
    ['format("%s", null)', 'unsupported value for "%s" at 0: null value cannot be formatted'],
  ])('%s fails: %s', (src, message) => {
    expect(evalError(src)).toContain(message);
  });

  it('names the extra argument', () => {
    expect(evalError('format("no verbs", 10)')).toBe(
      'Invalid function argument: Invalid value for "args" parameter: too many arguments; no verbs in format string.',
    );
    expect(evalError('format("only one verb %d", 10, 11)')).toContain(
      'too many arguments; only 1 used by format string',
    );
    expect(evalError('formatlist("%s %s", ["a"], ["b", "c"])')).toContain(
      'argument 2 has length 2, which is inconsistent with argument 1 of length 1',
    );
  });
});

describe('regex functions', () => {
  it.each([
    ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
    ['regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")', ['2019', '02', '01']],
    [
      'regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")',
      { authority: 'terraform.io', scheme: 'https' },
    ],
    ['regex("(a)|(b)", "b")', [null, 'b']],
    ['regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
    ['regexall("[a-z]+", "1234")', []],
    ['regex_replace("hello world", "o", "0")', 'hell0 w0rld'],
    ['regex_replace("2019-02-01", "(\\\\d+)-(\\\\d+)-(\\\\d+)", "$3/$2/$1")', '01/02/2019'],
    ['regex_replace("ab", "(?P<x>a)", "$${x}$${x}")', 'aab'],
    ['regex_replace("ab", "(a)", "$1x")', 'b'],
    ['regex("(?i)HELLO", "say hello")', 'hello'],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it('fails as cty does', () => {
    expect(evalError('regex("z", "abc")')).toContain('pattern did not match any part of the given string');
    expect(evalError('regex("(?P<a>x)(y)", "xy")')).toContain(
      'cannot mix both named and unnamed capture groups',
    );
    expect(evalError('regex("(", "x")')).toMatch(/"pattern" parameter: error parsing pattern/);
  });
});
