import { afterEach, describe, expect, it, vi } from 'vitest';
import { KILN_VERSION, main, usage, versionText } from '../../src/cli/main.js';
import { commaList } from '../../src/cli/shared-flags.js';
import { runValidateCommand } from '../../src/commands/validate.js';
import { Capture } from './cli-streams.js';
import { QEMU, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

/** Runs main() with stdout/stderr captured. */
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const rc = await main(argv);
  vi.restoreAllMocks();
  return { rc, out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('kiln CLI', () => {
  it('lists every command and prints the version', async () => {
    for (const name of ['build', 'console', 'fix', 'inspect', 'validate', 'version']) {
      expect(usage()).toMatch(new RegExp(`^    ${name} `, 'm'));
    }
    expect(await cli('version')).toEqual({ rc: 0, out: versionText(), err: '' });
    // As `packer -v` / `--version`: the bare number.
    for (const flag of ['-v', '--version', '-version'])
      expect(await cli(flag)).toEqual({ rc: 0, out: `${KILN_VERSION}\n`, err: '' });
    expect(versionText()).toMatch(/^Kiln v\d+\.\d+\.\d+ \(Packer 1\.6\.6 template compatible\)\n$/);
  });

  it('answers -h for every command', async () => {
    for (const name of ['build', 'console', 'fix', 'inspect', 'validate', 'version']) {
      const { rc, out } = await cli(name, '-h');
      expect(rc, `kiln ${name} -h`).toBe(0);
      expect(out, `kiln ${name} -h`).toMatch(new RegExp(`^Usage: kiln ${name}`));
    }
    expect((await cli('validate', '--help')).out).toContain('-only=...');
    expect((await cli('inspect', '-help')).out).toContain('-machine-readable');
  });

  it('rejects unknown commands and flags with exit 1', async () => {
    expect((await cli('nope')).rc).toBe(1);
    const bad = await cli('inspect', '-nope', 't.json');
    expect(bad).toMatchObject({ rc: 1, err: 'kiln inspect: flag provided but not defined: -nope\n' });
  });

  it('runs inspect from the command line', async () => {
    const path = tmp.write('t.json', { builders: [QEMU] });
    const { rc, out } = await cli('inspect', '-machine-readable', path);
    expect(rc).toBe(0);
    expect(out).toMatch(/^\d+,,template-builder,qemu,qemu$/m);
  });
});

describe('-machine-readable anywhere on the command line (as Packer)', () => {
  const RECORD = /^\d+,,/;

  it('before the command, after it, and after the template', async () => {
    const file = tmp.write('t.json', { builders: [QEMU] });
    const version = await cli('-machine-readable', 'version');
    expect(version.out.split('\n').map((l) => l.replace(RECORD, ''))).toEqual([
      `version,${KILN_VERSION}`,
      'version-prelease,',
      'version-commit,',
      `ui,say,${versionText().trimEnd()}`,
      '',
    ]);
    for (const argv of [
      ['-machine-readable', 'validate', file],
      ['validate', '-machine-readable', file],
      ['validate', file, '-machine-readable'],
    ]) {
      const { rc, out, err } = await cli(...argv);
      expect({ rc, err }).toEqual({ rc: 0, err: '' });
      expect(out).toMatch(/^\d+,,ui,say,The configuration is valid\.$/m);
    }
    const inspect = await cli('-machine-readable', 'inspect', file);
    expect(inspect.out).toMatch(/^\d+,,template-builder,qemu,qemu$/m);
  });

  it('turns errors into ui,error records on stdout', async () => {
    const file = tmp.write('e.json', { builders: [] });
    const { rc, out, err } = await cli('-machine-readable', 'validate', file);
    expect(rc).toBe(1);
    expect(err).toBe('');
    expect(out).toMatch(/^\d+,,ui,error,Error: .*at least one builder must be defined\n$/);
  });
});

describe('kiln validate -only/-except', () => {
  it('splits comma lists and repeated flags as Packer', () => {
    expect(commaList(['a,b', 'c', ''])).toEqual(['a', 'b', 'c']);
    expect(commaList(undefined)).toEqual([]);
  });

  async function validate(only: string[], except: string[]) {
    tmp.write('t.json', { builders: [QEMU, { type: 'virtualbox-iso', iso_url: 'x.iso' }] });
    const out = new Capture();
    const err = new Capture();
    const rc = await runValidateCommand({
      templatePath: 't.json',
      vars: [],
      varFiles: [],
      syntaxOnly: false,
      only,
      except,
      env: {},
      cwd: tmp.dir(),
      out,
      err,
    });
    return { rc, out: out.text(), err: err.text() };
  }

  it('validates only the selected builds', async () => {
    const all = await validate([], []);
    expect(all.rc).toBe(1);
    expect(all.err).toContain('virtualbox-iso');
    expect(await validate(['qemu'], [])).toMatchObject({ rc: 0, out: 'The configuration is valid.\n' });
    expect((await validate([], ['virtualbox-iso'])).rc).toBe(0);
  });

  it('fails on an -only or -except name that matches no build (Packer 1.6.6 builds nothing, exit 0)', async () => {
    const only = await validate(['qemu', 'qemu-typo'], []);
    expect(only.rc).toBe(1);
    expect(only.err).toMatch(
      /Error: .*-only=qemu-typo matches no build; builds in this template: 'qemu', 'virtualbox-iso'/,
    );
    const except = await validate([], ['virtualbox-iso', 'nope']);
    expect(except.rc).toBe(1);
    expect(except.err).toContain('-except=nope matches no build or post-processor');
    const none = await validate(['qemu'], ['qemu']);
    expect(none.rc).toBe(1);
    expect(none.err).toContain('-only/-except leave no build to run');
  });
});
