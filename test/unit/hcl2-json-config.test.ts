// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsoleCommand } from '../../src/commands/console.js';
import { type HclValue, toPlain } from '../../src/hcl/eval/index.js';
import type { Hcl2Config } from '../../src/template/hcl2/index.js';
import { Capture, stdin } from './cli-streams.js';
import { useHcl2Dir, variableValue } from './hcl2-fixture.js';

const { tmp, load, fail } = useHcl2Dir();

const NATIVE = `packer {
  required_version = ">= 1.5.0"
}

variable "name" {
  type        = string
  default     = "box"
  description = "The name"
}

variable "sizes" {
  type    = list(number)
  default = [1, 2.5]
}

variable "tags" {
  type    = map(string)
  default = { os = "debian", v = "12" }
}

variable "port" {
  default = 22
  validation {
    condition     = var.port > 0
    error_message = "The port must be positive."
  }
}

locals {
  label = "\${upper(var.name)}-\${var.sizes[1]}"
  total = var.sizes[0] + var.port
  flag  = true
  none  = null
}

local "secret" {
  expression = "\${local.label}!"
  sensitive  = true
}
`;

const JSON_TWIN = {
  '//': 'The native twin above, in HCL JSON syntax.',
  packer: { required_version: '>= 1.5.0' },
  variable: {
    name: { type: 'string', default: 'box', description: 'The name' },
    sizes: { type: 'list(number)', default: [1, 2.5] },
    tags: { type: 'map(string)', default: { os: 'debian', v: '12' } },
    port: {
      default: 22,
      validation: { condition: '${var.port > 0}', error_message: 'The port must be positive.' },
    },
  },
  locals: {
    label: '${upper(var.name)}-${var.sizes[1]}',
    total: '${var.sizes[0] + var.port}',
    flag: true,
    none: null,
  },
  local: { secret: { expression: '${local.label}!', sensitive: true } },
};

function evaluated(config: Hcl2Config): Record<string, unknown> {
  const plain = (value: HclValue | undefined): unknown => (value === undefined ? undefined : toPlain(value));
  return {
    variables: [...config.variables.values()].map((v) => [
      v.name,
      plain(v.values[v.values.length - 1]?.value),
      v.type,
      v.description,
      v.validations.length,
    ]),
    locals: [...config.locals].map(([name, local]) => [name, plain(local.value), local.sensitive]),
    sensitiveValues: config.sensitiveValues,
  };
}

describe('HCL2 JSON syntax (*.pkr.json): the same configuration as native syntax', () => {
  it('variables, types, locals, local blocks and the packer block evaluate as the native twin', async () => {
    const native = evaluated(await load({ 'a.pkr.hcl': NATIVE }));
    const json = evaluated(await load({ 'a.pkr.hcl': '', 'a.pkr.json': JSON.stringify(JSON_TWIN, null, 2) }));
    expect(json).toEqual(native);
    expect(json.locals).toContainEqual(['label', 'BOX-2.5', false]);
    expect(json.sensitiveValues).toEqual(['BOX-2.5!']);
  });

  it('kiln console prints the same values for the JSON twin as for the native configuration', async () => {
    const lines = 'var.tags\nlocal.label\nlocal.total + 1\nvar.sizes\nlocal.none\n';
    const consoleOutput = async (name: string, text: string): Promise<string> => {
      const dir = join(tmp.dir(), name);
      tmp.write(join(name, name === 'json' ? 'a.pkr.json' : 'a.pkr.hcl'), text);
      const out = new Capture();
      const err = new Capture();
      const common = { vars: [], varFiles: [], env: {}, input: stdin(lines), out, err };
      const rc = await runConsoleCommand({ ...common, templatePath: dir, cwd: dir, mode: 'lines' });
      expect({ rc, err: err.text() }).toEqual({ rc: 0, err: '' });
      return out.text();
    };
    mkdirSync(join(tmp.dir(), 'native'));
    mkdirSync(join(tmp.dir(), 'json'));
    const native = await consoleOutput('native', NATIVE);
    expect(native).toContain('BOX-2.5');
    expect(await consoleOutput('json', JSON.stringify(JSON_TWIN))).toBe(native);
  });

  it('reads a single .pkr.json file, and var values override its defaults as for native files', async () => {
    const path = tmp.write('only.pkr.json', JSON.stringify(JSON_TWIN));
    const config = await load({}, { path, vars: [['name', 'cli']], env: { PKR_VAR_port: '80' } });
    expect(variableValue(config, 'name')).toEqual({ type: 'string', value: 'cli' });
    expect(toPlain(config.locals.get('total')?.value ?? { type: 'null' })).toBe(81);
  });

  it('reads description, sensitive and error_message literally, as Packer decodes them without a context', async () => {
    const config = await load({
      'a.pkr.json': JSON.stringify({ variable: { x: { default: 1, description: 'Costs ${5}' } } }),
    });
    expect(config.variables.get('x')?.description).toBe('Costs ${5}');
  });

  it('mixes .pkr.hcl and .pkr.json files of one directory: native files first, then JSON ones', async () => {
    const config = await load({
      'z.pkr.hcl': 'variable "a" {\n  default = "native"\n}\n',
      'b.pkr.json': JSON.stringify({
        locals: { both: '${var.a}+${var.b}' },
        variable: { b: { default: 'json' } },
      }),
    });
    expect(toPlain(config.locals.get('both')?.value ?? { type: 'null' })).toBe('native+json');
    expect(config.files.map((f) => f.file.slice(tmp.dir().length + 1))).toEqual(['z.pkr.hcl', 'b.pkr.json']);
  });

  it('a required_version the JSON packer block does not allow stops the load, at the JSON string', async () => {
    const message = await fail({ 'a.pkr.json': '{\n  "packer": {"required_version": "< 1.0"}\n}\n' });
    expect(message).toContain('a.pkr.json:2:34: Unsupported Packer Core version');
  });
});

describe('HCL2 JSON var files (*.pkrvars.json, *.auto.pkrvars.json)', () => {
  const VARS = 'variable "name" {\n  type = string\n}\nvariable "n" {\n  type = number\n  default = 1\n}\n';

  it('auto-loads *.auto.pkrvars.json after *.auto.pkrvars.hcl, then -var-file in order', async () => {
    const files = {
      'v.pkr.hcl': VARS,
      'a.auto.pkrvars.hcl': 'name = "hcl"\nn = 2\n',
      'a.auto.pkrvars.json': JSON.stringify({ name: 'json' }),
    };
    const config = await load(files);
    expect(variableValue(config, 'name')).toEqual({ type: 'string', value: 'json' });
    expect(variableValue(config, 'n')).toEqual({ type: 'number', value: 2 });
    const varFile = tmp.write('x.pkrvars.json', '{"n": 7, "//": "comment"}');
    expect(variableValue(await load(files, { varFiles: [varFile] }), 'n')).toEqual({
      type: 'number',
      value: 7,
    });
  });

  it('a wrong type, an undeclared name and a variable declaration are reported at their JSON places', async () => {
    const bad = await fail({
      'v.pkr.hcl': VARS,
      'x.auto.pkrvars.json': '{\n  "name": "a",\n  "n": "many"\n}',
    });
    expect(bad).toContain('x.auto.pkrvars.json:3:8: Invalid value for variable: The value for n');
    const config = await load({ 'v.pkr.hcl': VARS, 'x.auto.pkrvars.json': '{"name": "a", "other": 1}' });
    expect(config.warnings.join('\n')).toContain('x.auto.pkrvars.json:1:15: Undefined variable');
    const declared = await fail({ 'v.pkr.hcl': VARS, 'x.auto.pkrvars.json': '{"variable": {"name": {}}}' });
    expect(declared).toContain('x.auto.pkrvars.json:1:2: Variable declaration in a .pkrvar file');
  });

  it('a var file that is not an object is an error; other extensions are refused by name', async () => {
    const message = await fail({ 'v.pkr.hcl': VARS, 'x.auto.pkrvars.json': '[1]' });
    expect(message).toContain(
      'x.auto.pkrvars.json:1:1: Incorrect JSON value type: A JSON object is required here, setting the arguments for this block.',
    );
    const path = join(tmp.dir(), 'v.pkr.hcl');
    expect(await fail({}, { path, varFiles: ['x.pkrvars.yaml'] })).toContain(
      'A var file must be suffixed with `.hcl` or `.json`.',
    );
  });
});
