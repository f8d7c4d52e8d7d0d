// `kiln inspect` and `kiln validate` on an HCL2 directory: Packer ≥1.7's HCL2-mode inspect output (human and
// machine-readable, sensitive values hidden) and validate's answers.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import { runInspectCommand } from '../../src/commands/inspect.js';
import { runValidateCommand } from '../../src/commands/validate.js';
import { Capture } from './cli-streams.js';
import { useTempDir } from './template-fixture.js';

const MULTI = new URL('../fixtures/hcl2-build/multi', import.meta.url).pathname;
const tmp = useTempDir();

async function inspect(machineReadable: boolean) {
  const out = new Capture();
  const err = new Capture();
  const rc = await runInspectCommand({
    templatePath: MULTI,
    machineReadable,
    out,
    err,
    env: {},
    now: () => new Date(0),
  });
  return { rc, out: out.text(), err: err.text() };
}

async function validate(
  extra: { only?: string[]; syntaxOnly?: boolean; vars?: [string, string][]; path?: string } = {},
) {
  const out = new Capture();
  const err = new Capture();
  const rc = await runValidateCommand({
    templatePath: extra.path ?? MULTI,
    vars: extra.vars ?? [],
    varFiles: [],
    syntaxOnly: extra.syntaxOnly ?? false,
    only: extra.only ?? [],
    env: {},
    out,
    err,
  });
  return { rc, out: out.text(), err: err.text() };
}

describe('kiln inspect on HCL2', () => {
  it('prints variables, locals and builds as Packer’s HCL2 mode does', async () => {
    const { rc, out } = await inspect(false);
    expect(rc).toBe(0);
    expect(out).toBe(
      [
        'Packer Inspect: HCL2 mode\n',
        '> input-variables:\n\nvar.disk: "2G"\nvar.password: "<sensitive>"\n\n> local-variables:\n\n' +
          `local.greeting: "hello from 2G"\nlocal.out: "${MULTI}/out"\n`,
        '> builds:\n\n  > deb:\n\n  > Description: two sources\n\n    sources:\n\n      qemu.a\n\n      qemu.b2\n\n' +
          '    provisioners:\n\n      shell\n      shell.only-b\n      shell\n      shell\n\n' +
          '    post-processors:\n\n      0:\n        checksum\n\n      1:\n        compress.pack\n        checksum\n\n' +
          '  > <unnamed build 1>:\n\n    sources:\n\n      qemu.a\n\n    provisioners:\n\n      <no provisioner>\n\n' +
          '    post-processors:\n\n      <no post-processor>\n',
        '',
      ].join('\n'),
    );
  });

  it('-machine-readable says each part as a ui say record, as Packer’s machine UI does', async () => {
    const { out } = await inspect(true);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('0,,ui,say,Packer Inspect: HCL2 mode\\n');
    expect(lines[1]).toContain(
      ',ui,say,> input-variables:\\n\\nvar.disk: "2G"\\nvar.password: "<sensitive>"',
    );
    expect(lines[2]).toContain(',ui,say,> builds:\\n\\n  > deb:');
    expect(out).not.toContain('s3cret-pw');
  });
  it('prints what it got to when a local cannot be evaluated (an unset variable), as Packer ignores those errors', async () => {
    tmp.write(
      'a.pkr.hcl',
      'variable "os" { type = string }\nlocals { name = "box-${var.os}" }\n' +
        'source "qemu" "vm" { vm_name = local.name }\nbuild { sources = ["source.qemu.vm"] }\n',
    );
    const out = new Capture();
    const rc = await runInspectCommand({
      templatePath: tmp.dir(),
      machineReadable: false,
      out,
      err: out,
      env: {},
    });
    expect(rc).toBe(0);
    expect(out.text()).toContain('var.os: "<unknown>"\n\n> local-variables:\n\n\n> builds:');
    expect(out.text()).toContain('    sources:\n\n      qemu.vm\n');
  });
});

describe('kiln validate on HCL2', () => {
  it('accepts the configuration, warning per build', async () => {
    const { rc, out, err } = await validate();
    expect(rc).toBe(0);
    expect(out).toBe('The configuration is valid.\n');
    expect(err).toContain(`Warning: builds["deb.qemu.b2"].iso_checksum: a checksum of 'none' was specified`);
  });

  it('-only matching no build is an error; -syntax-only only checks the structure', async () => {
    const none = await validate({ only: ['nothing.*'] });
    expect(none.rc).toBe(1);
    expect(none.err).toContain('-only=nothing.* matches no build');
    const syntax = await validate({ syntaxOnly: true, vars: [['disk', '1G']] });
    expect(syntax).toMatchObject({ rc: 0, out: 'Syntax-only check passed. Everything looks okay.\n' });
  });

  it('redacts sensitive values in a decoder’s error', async () => {
    tmp.write(
      'a.pkr.hcl',
      'variable "secret" {\n  default   = "many-hunter22"\n  sensitive = true\n}\n' +
        'source "qemu" "vm" {\n  iso_url = "x.iso"\n  iso_checksum = "none"\n  ssh_username = "root"\n  cpus = var.secret\n}\n' +
        'build { sources = ["source.qemu.vm"] }\n',
    );
    const { rc, err } = await validate({ path: tmp.dir() });
    expect(rc).toBe(1);
    expect(err).toContain('expected an integer, found string "<sensitive>"');
    expect(err).not.toContain('hunter22');
  });
});
