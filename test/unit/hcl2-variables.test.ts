// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/hcl/eval/index.js';
import { useHcl2Dir, variableValue } from './hcl2-fixture.js';

const { tmp, load, fail } = useHcl2Dir();

const NAME = 'variable "name" {\n  type    = string\n  default = "default"\n}\n';

describe('HCL2 input variables: where values come from', () => {
  it('default < PKR_VAR_ env < auto var file < -var-file (in order) < -var', async () => {
    const files = { 'v.pkr.hcl': NAME };
    expect(toPlain(variableValue(await load(files), 'name') ?? { type: 'null' })).toBe('default');
    const env = { PKR_VAR_name: 'env' };
    expect(variableValue(await load(files, { env }), 'name')).toEqual({ type: 'string', value: 'env' });
    const auto = { ...files, 'a.auto.pkrvars.hcl': 'name = "auto"\n' };
    expect(variableValue(await load(auto, { env }), 'name')).toEqual({ type: 'string', value: 'auto' });
    tmp.write('one.pkrvars.hcl', 'name = "one"\n');
    tmp.write('two.pkrvars.hcl', 'name = "two"\n');
    const varFiles = [join(tmp.dir(), 'one.pkrvars.hcl'), join(tmp.dir(), 'two.pkrvars.hcl')];
    expect(variableValue(await load(auto, { env, varFiles }), 'name')).toEqual({
      type: 'string',
      value: 'two',
    });
    const vars = [['name', 'first'] as const, ['name', 'cli'] as const];
    expect(variableValue(await load(auto, { env, varFiles, vars }), 'name')).toEqual({
      type: 'string',
      value: 'cli',
    });
  });

  it('reads a single file without the directory’s auto var files', async () => {
    tmp.write('a.auto.pkrvars.hcl', 'name = "auto"\n');
    const path = tmp.write('v.pkr.hcl', NAME);
    expect(variableValue(await load({}, { path }), 'name')).toEqual({ type: 'string', value: 'default' });
  });

  it('a -var naming no variable is an error, a var file’s undeclared name a warning', async () => {
    expect(await fail({ 'v.pkr.hcl': NAME }, { vars: [['nope', '1']] })).toContain(
      'Undefined -var variable: A "nope" variable was passed in the command line but was not found in known variables.',
    );
    const config = await load({ 'v.pkr.hcl': NAME, 'x.auto.pkrvars.hcl': 'other = 1\n' });
    expect(config.warnings.join('\n')).toContain(
      'x.auto.pkrvars.hcl:1:1: Undefined variable: The variable "other"',
    );
  });

  it('a var file must not declare variables', async () => {
    const message = await fail({ 'v.pkr.hcl': NAME, 'x.auto.pkrvars.hcl': 'variable "name" {}\n' });
    expect(message).toContain('x.auto.pkrvars.hcl:1:1');
    expect(message).toContain('Variable declaration in a .pkrvar file');
    expect(message).toContain('    name = <value>');
  });

  it('a variable without a value is an error unless the caller allows it (console, inspect)', async () => {
    const files = { 'v.pkr.hcl': 'variable "x" {\n  type = string\n}\n' };
    expect(await fail(files)).toContain('v.pkr.hcl:1:1: Unset variable "x": A used variable must be set');
    expect((await load(files, { allowUnset: true })).variables.get('x')?.values).toEqual([]);
  });

  it('the legacy variables block declares variables typed after their values', async () => {
    const config = await load(
      { 'v.pkr.hcl': 'variables {\n  a = "x"\n  n = 2\n}\n' },
      { vars: [['n', '5']] },
    );
    expect(variableValue(config, 'a')).toEqual({ type: 'string', value: 'x' });
    expect(variableValue(config, 'n')).toEqual({ type: 'number', value: 5 });
  });

  it('duplicates, bad names and unexpected arguments are errors at their place, with a source frame', async () => {
    expect(await fail({ 'v.pkr.hcl': `${NAME}\n${NAME}` })).toContain(
      'v.pkr.hcl:6:1: Duplicate variable: Duplicate name variable definition found.',
    );
    expect(await fail({ 'v.pkr.hcl': 'variable "1x" {}\n' })).toContain(
      'v.pkr.hcl:1:10: Invalid variable name',
    );
    const message = await fail({ 'v.pkr.hcl': 'variable "a" {\n  typo = 1\n}\n' });
    expect(message).toContain(
      'v.pkr.hcl:2:3: Unsupported argument: An argument named "typo" is not expected here.',
    );
    expect(message).toContain('   2:   typo = 1\n        ^');
    expect(await fail({ 'v.pkr.hcl': 'weird {}\n' })).toContain(
      'Unsupported block type: Blocks of type "weird" are not expected here.',
    );
    expect(await fail({ 'v.pkr.hcl': 'variable {}\n' })).toContain(
      'Missing name for variable: All variable blocks must have 1 labels (name).',
    );
  });

  it('several errors are reported together, each at its place', async () => {
    const message = await fail({
      'v.pkr.hcl': 'variable "a" {\n  x = 1\n  default = 1\n}\nvariable "b" {\n  y = 2\n  default = 2\n}\n',
    });
    expect(message).toContain('2 errors occurred');
    expect(message).toContain('v.pkr.hcl:2:3: Unsupported argument');
    expect(message).toContain('v.pkr.hcl:6:3: Unsupported argument');
  });
});
