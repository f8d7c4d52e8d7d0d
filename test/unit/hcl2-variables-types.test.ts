import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/hcl/eval/index.js';
import { useHcl2Dir, variableValue } from './hcl2-fixture.js';

const { load, fail } = useHcl2Dir();

const declare = (type: string, extra = ''): Record<string, string> => ({
  'v.pkr.hcl': `variable "x" {\n  type = ${type}\n${extra}}\n`,
});

async function valueFor(type: string, text: string, from: 'env' | 'cmd' = 'cmd'): Promise<unknown> {
  const options = from === 'env' ? { env: { PKR_VAR_x: text } } : { vars: [['x', text] as const] };
  const config = await load(declare(type), options);
  return toPlain(variableValue(config, 'x') ?? { type: 'null' });
}

describe('HCL2 variable types and conversions', () => {
  it('string and number values from -var/env are the literal text, converted', async () => {
    expect(await valueFor('string', '[1]')).toBe('[1]');
    expect(await valueFor('number', '42', 'env')).toBe(42);
    const config = await load(declare('number'), { vars: [['x', '42']] });
    expect(variableValue(config, 'x')).toEqual({ type: 'number', value: 42 });
  });

  it('other types parse the text as an expression', async () => {
    expect(await valueFor('bool', 'true')).toBe(true);
    expect(await valueFor('list(string)', '["a", 1]')).toEqual(['a', '1']);
    expect(await valueFor('set(string)', '["b", "a", "b"]')).toEqual(['a', 'b']);
    expect(await valueFor('map(number)', '{ a = "1", b = 2 }', 'env')).toEqual({ a: 1, b: 2 });
    expect(await valueFor('object({ name = string, n = number })', '{ name = "x", n = 3 }')).toEqual({
      n: 3,
      name: 'x',
    });
    expect(await valueFor('tuple([string, bool])', '["a", true]')).toEqual(['a', true]);
    expect(await valueFor('object({ a = string })', '{ a = "x", extra = 1 }')).toEqual({ a: 'x' });
    expect(await valueFor('any', '{ not = parsed }')).toBe('{ not = parsed }');
  });

  it('a variable without a type takes its default’s type', async () => {
    const files = { 'v.pkr.hcl': 'variable "n" {\n  default = 1\n}\nvariable "l" {\n  default = ["a"]\n}\n' };
    const config = await load(files, {
      vars: [
        ['n', '7'],
        ['l', '["b"]'],
      ],
    });
    expect(variableValue(config, 'n')).toEqual({ type: 'number', value: 7 });
    expect(toPlain(variableValue(config, 'l') ?? { type: 'null' })).toEqual(['b']);
    // As Packer 1.6.6: the default's type is a one-element tuple, so two elements do not fit.
    expect(await fail(files, { vars: [['l', '["b", "c"]']] })).toContain(
      "The received arg value for l is not compatible with the variable's type constraint: tuple required.",
    );
  });

  it('values that do not convert are errors in Packer’s words', async () => {
    expect(await fail(declare('number'), { vars: [['x', 'ten']] })).toContain(
      "Invalid argument value for -var variable: The received arg value for x is not compatible with the variable's type constraint: a number is required.",
    );
    expect(await fail(declare('bool'), { env: { PKR_VAR_x: '"yes"' } })).toContain(
      "Invalid value for variable: The value for x is not compatible with the variable's type constraint: a bool is required.",
    );
    expect(await fail({ ...declare('list(string)'), 'a.auto.pkrvars.hcl': 'x = "one"\n' })).toContain(
      "a.auto.pkrvars.hcl:1:5: Invalid value for variable: The value for x is not compatible with the variable's type constraint: list of string required.",
    );
    // cty's object conversion drops attributes the type does not name; the missing one is the error.
    expect(await fail(declare('object({ a = string })'), { vars: [['x', '{ b = "1" }']] })).toContain(
      'attribute "a" is required',
    );
    expect(
      await fail(declare('object({ a = string, b = string, c = bool })'), { vars: [['x', '{}']] }),
    ).toContain('attributes "a", "b", and "c" are required');
    expect(await fail(declare('object({ a = string })'), { vars: [['x', '{}']] })).toContain(
      'attribute "a" is required',
    );
    expect(await fail(declare('list(string)'), { vars: [['x', '["a",']] })).toContain(
      '<value for var.x from arguments>',
    );
  });

  it('optional() object attributes take their default, or null, when absent or null (Packer ≥ 1.9)', async () => {
    const type = 'object({ name = string, size = optional(number, 10), tags = optional(list(string)) })';
    expect(await valueFor(type, '{ name = "x" }')).toEqual({ name: 'x', size: 10, tags: null });
    expect(await valueFor(type, '{ name = "x", size = null, tags = ["a"] }')).toEqual({
      name: 'x',
      size: 10,
      tags: ['a'],
    });
    expect(await valueFor(`list(${type})`, '[{ name = "y", size = "3" }]')).toEqual([
      { name: 'y', size: 3, tags: null },
    ]);
  });

  it('optional() is checked as typeexpr does', async () => {
    expect(await fail(declare('object({ a = optional(number, "ten") })'))).toContain(
      "Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: a number is required.",
    );
    expect(await fail(declare('object({ a = optional(number, 1, 2) })'))).toContain(
      'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.',
    );
    expect(await fail(declare('optional(string)'))).toContain(
      'Keyword "optional" is valid only as a modifier for object type attributes.',
    );
    expect(await fail(declare('object({ "a" = string })'))).toContain(
      'Object constructor map keys must be attribute names.',
    );
    expect(await fail(declare('string(1)'))).toContain(
      'Primitive type keyword "string" does not expect arguments.',
    );
  });

  it('a default must fit the type', async () => {
    expect(await fail(declare('map(string)', '  default = ["a"]\n'))).toContain(
      "v.pkr.hcl:3:13: Invalid default value for variable: This default value is not compatible with the variable's type constraint: map of string required.",
    );
  });

  it('a type that is not one is an error', async () => {
    expect(await fail(declare('list'))).toContain(
      'v.pkr.hcl:2:10: Invalid type specification: The list type constructor requires one argument specifying the element type.',
    );
    expect(await fail(declare('strng'))).toContain('The keyword "strng" is not a valid type specification.');
    expect(await fail(declare('"string"'))).toContain(
      'A type specification is either a primitive type keyword',
    );
  });
});
