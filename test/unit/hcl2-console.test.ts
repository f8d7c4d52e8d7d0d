// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import { type ConsoleMode, runConsoleCommand } from '../../src/commands/console.js';
import { HCL2_CONSOLE_HELP } from '../../src/commands/hcl2-console-evaluator.js';
import { runValidateCommand } from '../../src/commands/validate.js';
import { num, object, str, tuple } from '../../src/hcl/eval/index.js';
import { printableValue } from '../../src/template/hcl2/index.js';
import { Capture, stdin } from './cli-streams.js';
import { useTempDir } from './template-fixture.js';

const tmp = useTempDir();

const CONFIG = `variable "name" {
  type    = string
  default = "box"
}

variable "password" {
  type      = string
  default   = "hunter2"
  sensitive = true
}

variable "unset" {
  type = number
}

locals {
  n     = 6 * 7
  label = "\${var.name}-\${local.n}"
  items = [1, 2.5, "x", { k = true }]
}
`;

async function run(
  input: string,
  mode: ConsoleMode,
  extra: { vars?: [string, string][]; env?: NodeJS.ProcessEnv } = {},
) {
  tmp.write('vars.pkr.hcl', CONFIG);
  const out = new Capture();
  const err = new Capture();
  const rc = await runConsoleCommand({
    templatePath: '.',
    vars: extra.vars ?? [],
    varFiles: [],
    env: extra.env ?? {},
    cwd: tmp.dir(),
    input: stdin(input),
    mode,
    out,
    err,
  });
  return { rc, out: out.text(), err: err.text() };
}

describe('kiln console on an HCL2 configuration', () => {
  it('evaluates var.*, local.*, arithmetic and strings, printed as Packer prints them', async () => {
    const { rc, out } = await run(
      'var.name\nlocal.label\n"a-${var.name}"\n1 + 2 * 3\nlocal.items\n',
      'lines',
      {
        env: { PKR_VAR_name: 'env' },
      },
    );
    expect(rc).toBe(0);
    // Recorded with packer 1.6.6 console on the same configuration.
    expect(out).toBe('env\nenv-42\na-env\n7\n[\n  1,\n  2.5,\n  "x",\n  {\n    "k" = true\n  },\n]\n');
  });

  it("calls Packer's functions, file paths relative to the template's directory", async () => {
    tmp.write('greeting.txt', 'hello\n');
    const { rc, out, err } = await run(
      'upper(chomp(file("greeting.txt")))\njsonencode({ a = [1, "b"] })\ncidrhost("10.0.0.0/8", 2)\n',
      'lines',
    );
    expect(err).toBe('');
    expect(rc).toBe(0);
    expect(out).toBe('HELLO\n{"a":[1,"b"]}\n10.0.0.2\n');
  });

  it('a pipe prints only the last value', async () => {
    const { out } = await run('var.name\nlocal.n\n', 'piped', { vars: [['name', 'cli']] });
    expect(out).toBe('42\n');
  });

  it('answers help and variables (unset ones unknown, sensitive ones redacted)', async () => {
    const { out } = await run('help\nvariables\n', 'lines');
    expect(out).toBe(
      `${HCL2_CONSOLE_HELP}\n> input-variables:\n\nvar.name: "box"\nvar.password: "<sensitive>"\nvar.unset: "<unknown>"\n\n` +
        '> local-variables:\n\nlocal.items: "[\\n  1,\\n  2.5,\\n  \\"x\\",\\n  {\\n    \\"k\\" = true\\n  },\\n]"\n' +
        'local.label: "box-42"\nlocal.n: "42"\n\n',
    );
  });

  it('never prints a sensitive value', async () => {
    const { out } = await run('var.password\n"pw is ${var.password}"\nvar.password + 1\n', 'lines');
    expect(out).not.toContain('hunter2');
    expect(out).toContain('<sensitive>\npw is <sensitive>\n');
  });

  it('shows an expression’s error as hcl’s diagnostic and keeps going', async () => {
    const { rc, out } = await run('var.nope\nvar.name\n', 'lines');
    expect(rc).toBe(0);
    expect(out).toBe(
      'Error: Unsupported attribute\n\n  on <console-input> line 1:\n  (source code not available)\n\n' +
        'This object does not have an attribute named "nope".\n\n\n\nbox\n',
    );
  });

  it('a configuration that does not load is an error before any line', async () => {
    const { rc, err } = await run('var.name\n', 'lines', { vars: [['nope', 'x']] });
    expect(rc).toBe(1);
    expect(err).toContain('Undefined -var variable');
  });
});

describe('HCL2 templates in validate', () => {
  it('evaluates variables, then asks for a build block as Packer does', async () => {
    tmp.write('vars.pkr.hcl', CONFIG);
    const out = new Capture();
    const err = new Capture();
    const common = { templatePath: tmp.dir(), varFiles: [], env: {}, out, err, syntaxOnly: false };
    expect(await runValidateCommand({ ...common, vars: [['unset', '1']] })).toBe(1);
    expect(out.text() + err.text()).toContain(
      'Missing build block: A build block with one or more sources is required for executing a build.',
    );
    const bad = new Capture();
    expect(await runValidateCommand({ ...common, vars: [['unset', 'x']], out: bad, err: bad })).toBe(1);
    expect(bad.text()).toContain('Invalid argument value for -var variable');
  });
});

describe('printableValue (Packer’s PrintableCtyValue)', () => {
  it('prints numbers as hcl2shim and %g do, strings quoted inside collections', () => {
    expect(printableValue(num(15000000))).toBe('15000000');
    expect(printableValue(num(0.00001))).toBe('1e-05');
    expect(printableValue(num(1234567.5))).toBe('1.2345675e+06');
    expect(printableValue(num(-2.5))).toBe('-2.5');
    expect(printableValue(str('a "b"'))).toBe('a "b"');
    expect(printableValue(tuple([str('a "b"\n')]))).toBe('[\n  "a \\"b\\"\\n",\n]');
    expect(
      printableValue(
        object([
          ['z', tuple([])],
          ['a', object([])],
        ]),
      ),
    ).toBe('{\n  "a" = {}\n  "z" = []\n}');
  });
});
