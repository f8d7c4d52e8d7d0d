// Expected values are taken from go-cty's conversion_test.go, hcl's ext/tryfunc and ext/typeexpr tests, and
// Packer's function docs.
import { describe, expect, it } from 'vitest';
import { evalError, evalPlain } from './hcl-functions-helper.js';

describe('type conversion functions', () => {
  it.each([
    ['tobool("true")', true],
    ['tobool(null)', null],
    ['tolist(["a", "b", 3])', ['a', 'b', '3']],
    ['tomap({a = 1, b = true})', { a: '1', b: 'true' }],
    ['tonumber("1.5")', 1.5],
    ['toset(["c", "b", "b"])', ['b', 'c']],
    ['tostring(12)', '12'],
    ['convert([1, 2], list(string))', ['1', '2']],
    ['convert({a = "1"}, object({a = number}))', { a: 1 }],
    ['convert("5", number)', 5],
    ['convert({a = 1, b = 2}, object({a = string}))', { a: '1' }],
    ['convert({}, object({a = optional(number)}))', { a: null }],
    ['convert({b = 2, a = "x"}, map(any))', { a: 'x', b: '2' }],
    ['can(upper("x"))', true],
    ['can(nope.attr)', false],
    ['can({a = 1}.b)', false],
    ['try({a = 1}.b, "fallback")', 'fallback'],
    ['try(upper("x"), "fallback")', 'X'],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    ['tobool("yes")', 'cannot convert "yes" to bool; only the strings "true" or "false" are allowed'],
    [
      'tonumber("hello")',
      'cannot convert "hello" to number; given string must be a decimal representation of a number',
    ],
    ['tostring([1])', 'cannot convert tuple to string'],
    ['tolist("a")', 'cannot convert string to list of any single type'],
    ['tolist([[1], "a"])', 'cannot convert tuple to list of any single type'],
    ['convert("a", number)', 'Invalid value for "value" parameter: a number is required.'],
    ['convert("a", nonsense)', 'Invalid value for "type" parameter'],
    ['convert("a", nonsense)', 'The keyword "nonsense" is not a valid type specification'],
    [
      'convert({}, object({a = optional(number, 1)}))',
      'Optional attribute modifier expects only one argument: the attribute type.',
    ],
    ['convert({}, object({a = number, b = bool}))', 'attributes "a" and "b" are required'],
    ['try()', 'Call to function "try" failed: at least one argument is required.'],
    ['can()', 'Function "can" expects 1 argument(s). Missing value for "expression".'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });

  it("lists every failed expression in try's message, as hcl's tryfunc", () => {
    expect(evalError('try(x, y)')).toBe(
      'Error in function call: Call to function "try" failed: no expression succeeded:\n' +
        '- Unknown variable (at t.pkr.hcl:1,9-10)\n  There is no variable named "x".\n' +
        '- Unknown variable (at t.pkr.hcl:1,12-13)\n  There is no variable named "y".\n\n' +
        'At least one expression must produce a successful result.',
    );
  });
});
