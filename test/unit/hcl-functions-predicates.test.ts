// Expected values are from Packer's hcl2template/function tests (alltrue, anytrue, startswith, endswith,
// strcontains, sum) and go-cty-funcs' bcrypt_test.go.
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { evalError, evalPlain } from './hcl-functions-helper.js';

describe('list and string predicates, sum', () => {
  it.each([
    ['alltrue([])', true],
    ['alltrue([true, "true"])', true],
    ['alltrue([true, false])', false],
    ['alltrue([true, null])', false],
    ['anytrue([])', false],
    ['anytrue([false, "true"])', true],
    ['anytrue([null, false])', false],
    ['startswith("hello world", "hello")', true],
    ['startswith("hello world", "world")', false],
    ['endswith("hello world", "world")', true],
    ['endswith("hello world", "")', true],
    ['strcontains("hello world", "o w")', true],
    ['strcontains("hello world", "x")', false],
    ['sum([1, 2, 3])', 6],
    ['sum([1, "2.5"])', 3.5],
    ['sum(toset([3, 3, 4]))', 7],
    ['sum([-1.5])', -1.5],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    ['alltrue(["yes"])', 'Invalid value for "list" parameter: a bool is required.'],
    ['anytrue("true")', 'Invalid value for "list" parameter: list of bool required.'],
    ['startswith(null, "a")', 'argument must not be null'],
    ['sum([])', 'Invalid value for "list" parameter: cannot sum an empty list.'],
    ['sum(1)', 'cannot sum noniterable'],
    ['sum({a = 1})', 'argument must be list, set, or tuple. Received object'],
    ['sum([1, "x"])', 'argument must be list, set, or tuple of number values'],
    ['sum([1, null])', 'argument must be list, set, or tuple of number values'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});

describe('bcrypt', () => {
  it('hashes with Go’s $2a$ prefix, cost 10 by default', () => {
    const hash = evalPlain('bcrypt("test")') as string;
    expect(hash).toMatch(/^\$2a\$10\$.{53}$/);
    expect(bcrypt.compareSync('test', hash)).toBe(true);
    expect(bcrypt.compareSync('other', hash)).toBe(false);
  });

  it('takes a cost; below 4 is the default, as Go’s GenerateFromPassword', () => {
    expect(evalPlain('bcrypt("test", 5)')).toMatch(/^\$2a\$05\$/);
    expect(evalPlain('bcrypt("test", 1)')).toMatch(/^\$2a\$10\$/);
  });

  it.each([
    ['bcrypt("test", 5, 6)', 'Call to function "bcrypt" failed: bcrypt() takes no more than two arguments.'],
    [
      'bcrypt("test", 32)',
      'error occured generating password crypto/bcrypt: cost 32 is outside allowed range (4,31)',
    ],
    ['bcrypt("test", 4.5)', 'value must be a whole number'],
    [
      `bcrypt("${'x'.repeat(73)}")`,
      'error occured generating password bcrypt: password length exceeds 72 bytes',
    ],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});
