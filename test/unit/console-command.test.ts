import { describe, expect, it } from 'vitest';
import { type ConsoleMode, runConsoleCommand } from '../../src/commands/console.js';
import { CONSOLE_HELP, createConsoleEvaluator } from '../../src/commands/console-evaluator.js';
import { wrapWords } from '../../src/commands/word-wrap.js';
import { Capture, stdin } from './cli-streams.js';
import { QEMU, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

const TEMPLATE = {
  variables: { name: 'box', greeting: 'hi {{user `name`}}', home: '{{env `HOME`}}' },
  builders: [QEMU],
};

async function run(
  input: string,
  mode: ConsoleMode,
  extra: { templatePath?: string | undefined; vars?: [string, string][] } = {},
) {
  tmp.write('t.json', TEMPLATE);
  const out = new Capture();
  const err = new Capture();
  const rc = await runConsoleCommand({
    templatePath: 'templatePath' in extra ? extra.templatePath : 't.json',
    vars: extra.vars ?? [],
    varFiles: [],
    env: { HOME: '/home/k' },
    cwd: tmp.dir(),
    input: stdin(input),
    mode,
    out,
    err,
  });
  return { rc, out: out.text(), err: err.text() };
}

describe('kiln console', () => {
  it('prints every result when stdin is a file, as Packer', async () => {
    const { rc, out } = await run('{{user `greeting`}}\n{{user `home`}}\n\n{{upper "kiln"}}\n', 'lines');
    expect(rc).toBe(0);
    expect(out).toBe('hi box\n/home/k\n\nKILN\n');
  });

  it('prints only the last result of a pipe, after every diagnostic', async () => {
    const { rc, out } = await run('{{user `name`}}\n{{build_name}}\n  {{upper "x"}}  \n', 'piped');
    expect(rc).toBe(0);
    expect(out).toMatch(/^Error: Interpolation error\n\n[^\n]*build_name[\s\S]*\n\n\nX\n$/);
  });

  it('stops at exit, answers help and variables, and knows -var', async () => {
    const { out } = await run('help\nvariables\nexit\n{{user `name`}}\n', 'lines', {
      vars: [['name', 'cli']],
    });
    expect(out).toBe(`${CONSOLE_HELP}\n\ngreeting: hi cli,\nhome: /home/k,\nname: cli,\n\n`);
  });

  it('shows an interpolation error as a diagnostic and keeps going', async () => {
    const { rc, out } = await run('{{env `HOME`}}\n{{user `name`}}\n', 'lines');
    expect(rc).toBe(0);
    expect(out).toMatch(/^Error: Interpolation error\n\n.*env[\s\S]*\n\n\n\nbox\n$/);
  });

  it('renders an undeclared variable as "" (Packer) and warns about it', async () => {
    const { out, err } = await run('{{user `nope`}}\n', 'lines');
    expect(out).toBe('\n');
    expect(err).toMatch(/^Warning: variable "nope" is not defined/);
  });

  it('renders a declared variable that did not resolve as "" with only the load warning', async () => {
    tmp.write('req.json', { variables: { req: null, loop: '{{user `loop`}}' }, builders: [QEMU] });
    const { rc, out, err } = await run('{{user `req`}}-{{user `loop`}}\n', 'lines', {
      templatePath: 'req.json',
    });
    expect(rc).toBe(0);
    expect(out).toBe('-\n');
    expect(err).toContain('required variable not set: req');
    expect(err).toContain('variables.loop');
    expect(err).not.toContain('is not defined');
  });

  it('works without a template: template_dir and pwd are the working directory', async () => {
    const { out } = await run('{{template_dir}}\n{{pwd}}\n', 'lines', { templatePath: undefined });
    expect(out).toBe(`${tmp.dir()}\n${tmp.dir()}\n`);
  });

  it('fails with exit 1 when the template cannot be loaded', async () => {
    const { rc, err } = await run('{{pwd}}\n', 'lines', { templatePath: 'missing.json' });
    expect(rc).toBe(1);
    expect(err).toMatch(/^Error: .*missing\.json/);
  });

  it('evaluates in the template directory context', () => {
    const evaluate = createConsoleEvaluator({ template: undefined, cwd: '/w', env: {} });
    expect(evaluate('{{template_dir}}/x')).toEqual({ output: '/w/x', exit: false, warnings: [] });
    expect(evaluate('exit').exit).toBe(true);
  });
});

describe('wrapWords (go-wordwrap)', () => {
  it('wraps at spaces within the limit like HCL diagnostics', () => {
    const detail =
      'template: root:1:2: executing "root" at <env `PACKER_CACHE_DIR`>: error calling env: env vars are not allowed here';
    expect(wrapWords(detail, 80)).toBe(
      'template: root:1:2: executing "root" at <env `PACKER_CACHE_DIR`>: error calling\nenv: env vars are not allowed here',
    );
    expect(
      wrapWords(
        'template: root:1:2: executing "root" at <build_name>: error calling build_name: build_name not available',
        80,
      ),
    ).toBe(
      'template: root:1:2: executing "root" at <build_name>: error calling build_name:\nbuild_name not available',
    );
  });

  it('keeps long words whole and existing newlines', () => {
    expect(wrapWords(`${'x'.repeat(90)} y`, 80)).toBe(`${'x'.repeat(90)}\ny`);
    expect(wrapWords('a b\nc d', 3)).toBe('a b\nc d');
  });
});
