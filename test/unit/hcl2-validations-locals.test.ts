// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/hcl/eval/index.js';
import { satisfiesConstraint } from '../../src/template/hcl2/index.js';
import { useHcl2Dir } from './hcl2-fixture.js';

const { load, fail } = useHcl2Dir();

const PORT = `variable "port" {
  type    = number
  default = 2222
  validation {
    condition     = var.port > 1024
    error_message = "The port must be above 1024."
  }
}
`;

describe('HCL2 variable validation blocks', () => {
  it('a value that fails the rule is an error naming where it came from and the rule', async () => {
    expect((await load({ 'v.pkr.hcl': PORT })).variables.get('port')?.values).toHaveLength(1);
    const message = await fail({ 'v.pkr.hcl': PORT }, { env: { PKR_VAR_port: '80' } });
    expect(message).toContain('Invalid value for env variable: The port must be above 1024.');
    expect(message).toContain('This was checked by the validation rule at');
    expect(message).toMatch(/v\.pkr\.hcl:4,3-13\./);
    const fromFile = await fail({ 'v.pkr.hcl': PORT, 'p.auto.pkrvars.hcl': 'port = 22\n' });
    expect(fromFile).toContain('p.auto.pkrvars.hcl:1:8: Invalid value for varfile variable');
  });

  it('checks the rule itself as Packer does', async () => {
    const other = PORT.replace('var.port > 1024', 'var.other > 1');
    expect(await fail({ 'v.pkr.hcl': other })).toContain(
      'Invalid reference in variable validation: The condition for variable "port" can only refer to the variable itself, using var.port.',
    );
    expect(await fail({ 'v.pkr.hcl': PORT.replace('var.port > 1024', 'true') })).toContain(
      'The condition for variable "port" must refer to var.port in order to test incoming values.',
    );
    expect(await fail({ 'v.pkr.hcl': PORT.replace('The port', 'the port') })).toContain(
      'Validation error message must be at least one full sentence',
    );
    expect(
      await fail({ 'v.pkr.hcl': PORT.replace('    error_message = "The port must be above 1024."\n', '') }),
    ).toContain(
      'Missing required argument: The argument "error_message" is required, but no definition was found.',
    );
  });

  it('never shows a sensitive value: not in a message, nor in a source frame', async () => {
    const files = {
      'v.pkr.hcl': `variable "token" {
  default   = "s3cr3t"
  sensitive = true
  validation {
    condition     = var.token == "x"
    error_message = "The token is wrong."
  }
}
`,
    };
    const message = await fail(files);
    expect(message).toContain('default   = "<sensitive>"');
    expect(message).not.toContain('s3cr3t');
    const fromCli = await fail(files, { vars: [['token', 'cli-s3cr3t']] });
    expect(fromCli).toContain('Invalid value for cmd variable');
    expect(fromCli).not.toContain('cli-s3cr3t');
  });
});

describe('HCL2 locals', () => {
  it('evaluate in dependency order, whatever order they are written in', async () => {
    const config = await load({
      'a.pkr.hcl': 'locals {\n  full = "${local.base}-${upper(var.name)}"\n}\n',
      'b.pkr.hcl': 'variable "name" {\n  default = "x"\n}\nlocals {\n  base = local.root\n  root = "r"\n}\n',
    });
    expect(toPlain(config.locals.get('full')?.value ?? { type: 'null' })).toBe('r-X');
  });

  it('a cycle is an error naming its path; an unknown local or a duplicate is an error too', async () => {
    expect(
      await fail({ 'l.pkr.hcl': 'locals {\n  a = local.b\n  b = "${local.c}"\n  c = local.a\n}\n' }),
    ).toContain('cyclic dependency: local.a → local.b → local.c → local.a');
    expect(await fail({ 'l.pkr.hcl': 'locals {\n  a = local.nope\n}\n' })).toContain(
      'l.pkr.hcl:2:7: failed to get local variable: While evaluating "local.a", its dependency "local.nope" was not found, is it defined?',
    );
    expect(await fail({ 'l.pkr.hcl': 'locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n' })).toContain(
      'l.pkr.hcl:5:7: Duplicate local definition: Local variable "a" is defined twice in your templates.',
    );
  });

  it('`local` blocks can be sensitive: their strings are redacted', async () => {
    const config = await load({
      'l.pkr.hcl':
        'local "pw" {\n  expression = "p-${local.x}"\n  sensitive  = true\n}\nlocals {\n  x = "y"\n}\n',
    });
    expect(config.sensitiveValues).toEqual(['p-y']);
    expect(config.redact('is p-y')).toBe('is <sensitive>');
    expect(await fail({ 'l.pkr.hcl': 'local "pw" {\n  sensitive = true\n}\n' })).toContain(
      'The argument "expression" is required',
    );
  });

  it('calls only the functions of the table it is given', async () => {
    expect(await fail({ 'l.pkr.hcl': 'locals {\n  a = lower("X")\n}\n' })).toContain(
      'l.pkr.hcl:2:7: Call to unknown function: There is no function named "lower".',
    );
  });
});

describe('the packer block', () => {
  it('checks required_version against the Packer version Kiln matches', async () => {
    expect((await load({ 'p.pkr.hcl': 'packer {\n  required_version = "~> 1.6"\n}\n' })).files).toHaveLength(
      1,
    );
    const message = await fail({ 'p.pkr.hcl': 'packer {\n  required_version = ">= 1.7.0"\n}\nbad {}\n' });
    expect(message).toContain('p.pkr.hcl:2:22: Unsupported Packer Core version');
    expect(message).toContain('does not support Packer version 1.6.6');
    expect(message).not.toContain('bad');
    expect(await fail({ 'p.pkr.hcl': 'packer {\n  required_version = "soon"\n}\n' })).toContain(
      'Invalid version constraint',
    );
  });

  it('accepts required_plugins with a note', async () => {
    const config = await load({ 'p.pkr.hcl': 'packer {\n  required_plugins {\n    qemu = {}\n  }\n}\n' });
    expect(config.warnings.join('\n')).toContain('required_plugins ignored');
  });

  it('version constraints follow hashicorp/go-version', () => {
    expect(satisfiesConstraint('1.6.6', '>= 1.5.0, < 2')).toBe(true);
    expect(satisfiesConstraint('1.6.6', '~> 1.6.0')).toBe(true);
    expect(satisfiesConstraint('1.6.6', '~> 1.5.0')).toBe(false);
    expect(satisfiesConstraint('1.6.6', '~> 1.5')).toBe(true);
    expect(satisfiesConstraint('1.6.6', '!= 1.6.6')).toBe(false);
    expect(satisfiesConstraint('1.6.6', '1.6.6')).toBe(true);
    expect(satisfiesConstraint('1.6.6', 'latest')).toBeUndefined();
  });
});
