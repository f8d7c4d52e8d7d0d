// A `sensitive-variables` value never leaves Kiln in the clear: not in validate/build errors (plain or
// -machine-readable), console values or its `variables` listing, inspect output, the HTTP request log, or
// QEMU's command line as /proc/<pid>/cmdline shows it (a stub QEMU records it, fetches a URL, and exits).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuildCommand } from '../../src/commands/build.js';
import { runConsoleCommand } from '../../src/commands/console.js';
import { runInspectCommand } from '../../src/commands/inspect.js';
import { createPrompter } from '../../src/commands/prompter.js';
import { runValidateCommand } from '../../src/commands/validate.js';
import { findFreePort } from '../../src/net/ports.js';
import { parseMachineOutput } from '../../src/ui/machine-readable.js';
import { machineReadableUiFactory } from '../../src/ui/machine-readable-ui.js';
import { consoleOutput, type UiFactory } from '../../src/ui/ui-factory.js';
import { Capture, stdin } from './cli-streams.js';
import { QEMU, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
// Regular-expression characters on purpose: the redactor must match them literally.
const SECRET = 'Tr0ub4dor&3+(x)';
const VNC_SECRET = 'Vn$8.c*q';
const USE = '{{user `pw`}}';

const VARIABLES = { pw: SECRET, vncpw: VNC_SECRET, echo: `x-${USE}` };
const SENSITIVE = { variables: VARIABLES, 'sensitive-variables': ['pw', 'vncpw'] };

/** One value of every option kind, each set to the secret: each is refused, quoting the value. */
const EVERY_KIND = {
  memory: USE,
  cpus: USE,
  disk_size: USE,
  headless: USE,
  boot_wait: USE,
  format: USE,
  accelerator: USE,
  disk_interface: USE,
  disk_cache: USE,
  ssh_timeout: USE,
  ssh_port: USE,
  http_port_min: USE,
  vnc_port_min: USE,
  shutdown_timeout: USE,
  disk_compression: USE,
  net_device: USE,
};

function expectHidden(text: string): void {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(VNC_SECRET);
  expect(text).toContain('<sensitive>');
}

async function validate(template: unknown, only: string[] = []) {
  tmp.write('t.json', template);
  const out = new Capture();
  const err = new Capture();
  const rc = await runValidateCommand({
    templatePath: 't.json',
    vars: [],
    varFiles: [],
    syntaxOnly: false,
    only,
    env: {},
    cwd: tmp.dir(),
    out,
    err,
  });
  return { rc, text: out.text() + err.text() };
}

async function build(template: unknown, machineReadable: boolean, env: NodeJS.ProcessEnv = {}) {
  const path = tmp.write('t.json', template);
  const out = new Capture();
  const createUi: UiFactory = machineReadable
    ? machineReadableUiFactory(out)
    : consoleOutput({ out, interactive: false, timestamps: false, color: false }).createUi;
  const result = await runBuildCommand({
    templatePath: path,
    vars: [],
    varFiles: [],
    force: false,
    only: [],
    except: [],
    onError: 'cleanup',
    parallelBuilds: 0,
    env: { ...process.env, ...env },
    signal: AbortSignal.timeout(15_000),
    createUi,
    prompter: createPrompter(stdin(''), new Capture(), false),
    debug: false,
  });
  return { rc: result.exitCode, text: out.text() };
}

describe('a template error quoting a sensitive value', () => {
  const template = { ...SENSITIVE, builders: [{ ...QEMU, ...EVERY_KIND }] };

  it('validate shows <sensitive> for every option kind', async () => {
    const { rc, text } = await validate(template);
    expect(rc).toBe(1);
    expectHidden(text);
    expect(text.match(/<sensitive>/g)?.length).toBeGreaterThanOrEqual(12);
  });

  it('build -machine-readable shows <sensitive> in every record', async () => {
    const { rc, text } = await build(template, true);
    expect(rc).toBe(1);
    expectHidden(text);
    expect(parseMachineOutput(text).some((r) => r.data.some((d) => d.includes('<sensitive>')))).toBe(true);
  });

  it('a variable that fails to render is reported without the value of another', async () => {
    const { rc, text } = await validate({
      variables: { pw: SECRET, bad: `${USE}{{ nosuchfunction }}` },
      'sensitive-variables': ['pw'],
      builders: [{ ...QEMU, memory: USE }],
    });
    expect(rc).toBe(1);
    expect(text).not.toContain(SECRET);
  });

  it('an -only naming the secret is redacted in its error too', async () => {
    const { rc, text } = await validate({ ...SENSITIVE, builders: [QEMU] }, [SECRET]);
    expect(rc).toBe(1);
    expect(text).toContain('-only=<sensitive> matches no build');
    expectHidden(text);
  });

  it('a value with quotes and backslashes is hidden in its JSON-quoted form too', async () => {
    const quoted = 'a"b\\c\t';
    const { text } = await validate({
      variables: { pw: quoted },
      'sensitive-variables': ['pw'],
      builders: [{ ...QEMU, memory: USE }],
    });
    expect(text).toContain('found string "<sensitive>"');
    expect(text).not.toContain(JSON.stringify(quoted).slice(1, -1));
  });
});

describe('console and inspect', () => {
  it('console hides the value, its copies in other variables, and the variables listing', async () => {
    tmp.write('t.json', { ...SENSITIVE, builders: [QEMU] });
    const out = new Capture();
    const err = new Capture();
    await runConsoleCommand({
      templatePath: 't.json',
      vars: [],
      varFiles: [],
      env: {},
      cwd: tmp.dir(),
      input: stdin(`${USE}\nvariables\n{{user \`echo\`}}\n{{ split ${USE} "" 99 }}\n`),
      mode: 'lines',
      out,
      err,
    });
    const text = out.text() + err.text();
    expectHidden(text);
    expect(out.text()).toContain('pw: <sensitive>,\n');
    expect(out.text()).toContain('echo: x-<sensitive>,\n');
  });

  it.each([false, true])(
    'inspect (machine-readable %s) hides it in the description, defaults and names',
    async (machineReadable) => {
      tmp.write('t.json', {
        ...SENSITIVE,
        description: `logs in with ${SECRET}`,
        variables: { ...VARIABLES, copy: SECRET },
        builders: [{ ...QEMU, name: `box-${SECRET}` }],
      });
      const out = new Capture();
      const err = new Capture();
      const rc = await runInspectCommand({
        templatePath: 't.json',
        machineReadable,
        cwd: tmp.dir(),
        out,
        err,
      });
      expect(rc).toBe(0);
      const text = out.text() + err.text();
      expectHidden(text);
      if (!machineReadable) expect(text).toContain('logs in with <sensitive>');
    },
  );
});

describe('a build that reaches QEMU', () => {
  it.each([false, true])(
    '(machine-readable %s) keeps it off QEMU command line, the HTTP log and the output',
    async (machineReadable) => {
      const dir = tmp.dir();
      const port = await findFreePort('127.0.0.1', { min: 20000, max: 29999 });
      const record = join(dir, 'cmdline');
      const stub = join(dir, 'qemu-stub');
      // What /proc shows for this very process, then a request for a path that holds the secret.
      writeFileSync(
        stub,
        `#!/bin/sh\ncat /proc/$$/cmdline > '${record}'\ncurl -s -o /dev/null 'http://127.0.0.1:${port}/${encodeURIComponent(SECRET)}.cfg'\necho 'stub QEMU: no VM here' >&2\nexit 1\n`,
      );
      chmodSync(stub, 0o755);
      mkdirSync(join(dir, 'http'), { recursive: true });
      writeFileSync(join(dir, 'http', `${SECRET}.cfg`), 'preseed\n');
      writeFileSync(join(dir, 'tiny.iso'), 'not really an ISO');
      const { rc, text } = await build(
        {
          ...SENSITIVE,
          builders: [
            {
              ...QEMU,
              iso_url: join(dir, 'tiny.iso'),
              qemu_binary: stub,
              accelerator: 'tcg',
              output_directory: join(dir, 'out'),
              http_directory: join(dir, 'http'),
              http_port_min: port,
              http_port_max: port,
              ssh_password: USE,
              vnc_use_password: true,
              vnc_password: '{{user `vncpw`}}',
              boot_command: [`<wait>passwd=${USE}<enter>`],
              shutdown_command: `echo ${USE} | sudo -S poweroff`,
              disk_size: '10M',
            },
          ],
        },
        machineReadable,
        { KILN_CACHE_DIR: join(dir, 'cache') },
      );
      expect(rc).toBe(1);
      expect(existsSync(record), text).toBe(true);
      const cmdline = readFileSync(record, 'utf8');
      expect(cmdline).toContain('-vnc');
      expect(cmdline).not.toContain(SECRET);
      expect(cmdline).not.toContain(VNC_SECRET);
      expect(text).toMatch(/HTTP GET \/<sensitive>\.cfg -> 200/);
      expect(text).not.toContain(encodeURIComponent(SECRET));
      expectHidden(text);
    },
  );
});
