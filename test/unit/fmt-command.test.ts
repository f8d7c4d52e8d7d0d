import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/flags.js';
import { fmtCli } from '../../src/cli/fmt-flags.js';
import { usage } from '../../src/cli/main.js';
import { type FmtCommandOptions, runFmtCommand } from '../../src/commands/fmt.js';
import { parseHclFile } from '../../src/hcl/index.js';
import { Capture, stdin } from './cli-streams.js';
import { useTempDir } from './template-fixture.js';

const FIXTURES = new URL('../fixtures/hcl2/', import.meta.url).pathname;
const tmp = useTempDir();

async function fmt(paths: string[], options: Partial<FmtCommandOptions> = {}, input = '') {
  const out = new Capture();
  const err = new Capture();
  const code = await runFmtCommand({
    paths,
    check: false,
    diff: false,
    write: true,
    recursive: false,
    cwd: tmp.dir(),
    stdin: stdin(input),
    out,
    err,
    ...options,
  });
  return { code, out: out.text(), err: err.text() };
}

function hclFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.pkr.hcl') || name.endsWith('.pkrvars.hcl'))
    .map((name) => join(dir, name))
    .sort();
}

describe('HCL2 files from real Packer projects', () => {
  const bento = hclFiles(join(FIXTURES, 'bento'));
  const qemu = hclFiles(join(FIXTURES, 'packer-plugin-qemu/example'));

  it('parses all of them', () => {
    expect(bento.length).toBe(63);
    expect(qemu.length).toBe(3);
    for (const file of [...bento, ...qemu])
      expect(() => parseHclFile(file, readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('kiln fmt -check finds nothing to change in bento (formatted upstream by packer fmt)', async () => {
    const result = await fmt([join(FIXTURES, 'bento')], { check: true, write: false, recursive: true });
    expect(result).toEqual({ code: 0, out: '', err: '' });
  });

  it('writes for the unformatted qemu-plugin examples exactly what packer 1.6.6 fmt writes', async () => {
    cpSync(join(FIXTURES, 'packer-plugin-qemu/example'), tmp.dir(), { recursive: true });
    const check = await fmt(['.'], { check: true, write: false, recursive: true });
    expect(check.code).toBe(3);
    expect(check.out.split('\n').filter(Boolean).sort()).toEqual([
      'build.pkr.hcl',
      'efi_build/efi-debian.pkr.hcl',
      'source.pkr.hcl',
    ]);
    expect((await fmt(['.'], { recursive: true })).code).toBe(0);
    for (const file of hclFiles(tmp.dir())) {
      const golden = join(
        FIXTURES,
        'packer-plugin-qemu/packer-fmt-1.6.6/example',
        `${relative(tmp.dir(), file)}.formatted`,
      );
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(golden, 'utf8'));
    }
    expect(await fmt(['.'], { check: true, write: false, recursive: true })).toEqual({
      code: 0,
      out: '',
      err: '',
    });
  });

  it('formats bento files with damaged whitespace exactly as packer 1.6.6 fmt does', async () => {
    const inputs = readdirSync(join(FIXTURES, 'bento-mangled/input'));
    expect(inputs).toHaveLength(4);
    for (const name of inputs) {
      const input = readFileSync(join(FIXTURES, 'bento-mangled/input', name), 'utf8');
      const golden = readFileSync(
        join(FIXTURES, 'bento-mangled/packer-fmt-1.6.6', `${name}.formatted`),
        'utf8',
      );
      expect(input).not.toBe(golden);
      expect(await fmt(['-'], {}, input)).toEqual({ code: 0, out: golden, err: '' });
    }
  });
});

describe('kiln fmt', () => {
  const messy = 'a=1\nlong_name="x"\nblock {\nb=[1,2]\n}\n';
  const tidy = 'a         = 1\nlong_name = "x"\nblock {\n  b = [1, 2]\n}\n';

  it('rewrites a file, prints its name, and leaves formatted files alone', async () => {
    tmp.write('t.pkr.hcl', messy);
    tmp.write('ok.pkrvars.hcl', 'x = 1\n');
    const before = statSync(join(tmp.dir(), 'ok.pkrvars.hcl')).mtimeMs;
    expect(await fmt(['.'])).toEqual({ code: 0, out: 't.pkr.hcl\n', err: '' });
    expect(readFileSync(join(tmp.dir(), 't.pkr.hcl'), 'utf8')).toBe(tidy);
    expect(statSync(join(tmp.dir(), 'ok.pkrvars.hcl')).mtimeMs).toBe(before);
  });

  it('-check exits 3 and writes nothing; -write=false leaves the file; -diff shows the change', async () => {
    tmp.write('t.pkr.hcl', 'a=1\n');
    expect(await fmt(['t.pkr.hcl'], { check: true, write: false })).toEqual({
      code: 3,
      out: 't.pkr.hcl\n',
      err: '',
    });
    const diff = await fmt(['t.pkr.hcl'], { diff: true, write: false });
    expect(diff.code).toBe(0);
    expect(diff.out).toBe('t.pkr.hcl\n--- old/t.pkr.hcl\n+++ new/t.pkr.hcl\n@@ -1 +1 @@\n-a=1\n+a = 1\n');
    expect(readFileSync(join(tmp.dir(), 't.pkr.hcl'), 'utf8')).toBe('a=1\n');
  });

  it('reads - from stdin and writes the result to stdout', async () => {
    expect(await fmt(['-'], {}, messy)).toEqual({ code: 0, out: tidy, err: '' });
    expect(await fmt(['-'], {}, tidy)).toEqual({ code: 0, out: tidy, err: '' });
  });

  it('goes into subdirectories only with -recursive, and skips hidden and backup files', async () => {
    mkdirSync(join(tmp.dir(), 'sub'));
    tmp.write('sub/t.pkr.hcl', 'a=1\n');
    tmp.write('.hidden.pkr.hcl', 'a=1\n');
    tmp.write('t.pkr.hcl~', 'a=1\n');
    tmp.write('t.json', '{}');
    expect((await fmt(['.'], { check: true, write: false })).out).toBe('');
    expect((await fmt(['.'], { check: true, write: false, recursive: true })).out).toBe('sub/t.pkr.hcl\n');
  });

  it('reports a syntax error with its position and exits 1, leaving the file alone', async () => {
    tmp.write('bad.pkr.hcl', 'a = [1 2]\n');
    const result = await fmt(['bad.pkr.hcl']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('bad.pkr.hcl:1:8: Missing item separator');
    expect(readFileSync(join(tmp.dir(), 'bad.pkr.hcl'), 'utf8')).toBe('a = [1 2]\n');
  });

  it('refuses a file that is not HCL2, as packer fmt does', async () => {
    writeFileSync(join(tmp.dir(), 't.json'), '{}');
    const result = await fmt(['t.json']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('file t.json is not a HCL file');
  });

  it('is wired as a command: flags parsed by src/cli/fmt-flags.ts, listed in the usage', async () => {
    const file = tmp.write('t.pkr.hcl', 'a=1\n');
    const out = new Capture();
    const err = new Capture();
    expect(await fmtCli(['-check', file], { out, err })).toBe(3);
    expect(out.text()).toBe(`${file}\n`);
    expect(await fmtCli(['-write=false', '-diff', file], { out, err })).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('a=1\n');
    await expect(fmtCli([], { out, err })).rejects.toThrow(UsageError);
    await expect(fmtCli(['-bogus', file], { out, err })).rejects.toThrow(
      'flag provided but not defined: -bogus',
    );
    expect(usage()).toContain('fmt             rewrites HCL2 config files to canonical format');
  });
});
