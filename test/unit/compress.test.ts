import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KilnError } from '../../src/core/errors.js';
import { BufferUi } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import type { CompressConfig } from '../../src/post-processors/compress/config.js';
import { detectFormat } from '../../src/post-processors/compress/format.js';
import { runCompress } from '../../src/post-processors/compress/run.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { makeSmallQcow2 } from './export-fixtures.js';
import { QEMU, templateFailure } from './template-fixture.js';

let dir: string;
let disk: string;
let notes: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-compress-'));
  disk = await makeSmallQcow2(dir);
  notes = join(dir, 'notes.txt');
  await writeFile(notes, 'second member\n');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function resolve(pp: Record<string, unknown>): Promise<unknown> {
  const file = join(dir, 't.json');
  await writeFile(
    file,
    JSON.stringify({ builders: [QEMU], 'post-processors': [{ type: 'compress', ...pp }] }),
  );
  const [build] = resolveBuilds(await loadTemplate(file, { cwd: dir }));
  return build?.postProcessors[0]?.[0]?.config;
}

async function config(output: string, extra: Record<string, unknown> = {}): Promise<CompressConfig> {
  return (await resolve({ output, ...extra })) as CompressConfig;
}

async function compress(output: string, files: string[], extra: Record<string, unknown> = {}) {
  const input = filesArtifact('transcend.qemu', files, 'test', 'qcow2');
  return runCompress(input, await config(output, extra), output, {
    ui: new BufferUi(),
    signal: new AbortController().signal,
  });
}

/** Extracts with the real Debian tool for the format and returns the extraction directory. */
async function extract(archive: string, how: string[]): Promise<string> {
  const out = join(dir, 'x');
  await rm(out, { recursive: true, force: true });
  await mkdir(out);
  await execa(how[0] as string, [...how.slice(1), archive], { cwd: out });
  return out;
}

describe('compress format detection (Packer detectFromFilename)', () => {
  it.each([
    ['out.tar.gz', { container: 'tar', compression: 'gzip' }],
    ['out.tgz', { container: 'tar', compression: 'gzip' }],
    ['out.gz', { container: 'single', compression: 'gzip' }],
    ['out.zip', { container: 'zip', compression: 'none' }],
    ['out.tar', { container: 'tar', compression: 'none' }],
    ['out.tar.zst', { container: 'tar', compression: 'zstd' }],
    ['out.zst', { container: 'single', compression: 'zstd' }],
    ['out.tar.xz', { container: 'tar', compression: 'xz' }],
    ['out.xz', { container: 'single', compression: 'xz' }],
    ['packer_{{.BuildName}}_{{.BuilderType}}', { container: 'tar', compression: 'gzip' }],
    ['dir.v1/{{.BuildName}}', { container: 'tar', compression: 'gzip' }],
  ])('%s', (output, expected) => {
    expect(detectFormat(output, undefined)).toEqual(expected);
  });

  it('adds format as an extension', () => {
    expect(detectFormat('out', 'tar.xz')).toEqual({ container: 'tar', compression: 'xz' });
  });

  it('refuses lz4, bgzf and extensions it cannot tell, naming what works', () => {
    expect(detectFormat('out.tar.lz4', undefined)).toEqual({
      error: expect.stringContaining('lz4 compression (.lz4) is not implemented in Kiln; use .tar.gz'),
    });
    expect(detectFormat('out.bgzf', undefined)).toEqual({ error: expect.stringContaining('bgzf') });
    expect(detectFormat('disk.img', undefined)).toEqual({
      error: expect.stringContaining('cannot tell the archive format from the extension .img'),
    });
  });

  it('reads compression_level like Packer: 0 and -1 are the default, above 9 is clamped', async () => {
    const level = async (output: string, compression_level?: number) =>
      (await config(output, compression_level === undefined ? {} : { compression_level })).archive.level;
    expect(await level('a.tar.gz')).toBe(6);
    expect(await level('a.tar.gz', 0)).toBe(6);
    expect(await level('a.tar.gz', 12)).toBe(9);
    expect(await level('a.zst', 12)).toBe(12);
    expect(await level('a.zst')).toBe(3);
    expect(await level('a.xz', 1)).toBe(1);
  });

  it("defaults output to Packer's packer_{{.BuildName}}_{{.BuilderType}} (a tar.gz)", async () => {
    expect(await resolve({})).toMatchObject({
      output: 'packer_{{.BuildName}}_{{.BuilderType}}',
      archive: { container: 'tar', compression: 'gzip', level: 6 },
    });
  });

  it('refuses an output it cannot write, at validate time, naming the key', async () => {
    const error = await templateFailure(() => resolve({ output: 'box.tar.lz4' }));
    expect(error.message).toContain(
      '(post-processors[0].output): lz4 compression (.lz4) is not implemented in Kiln',
    );
    const bad = await templateFailure(() => resolve({ output: 'a.tar.gz', compression_level: -3 }));
    expect(bad.message).toContain('compression_level must be -1 to 9; found -3');
  });
});

describe('compress writes archives the Debian tools read back byte for byte', () => {
  it.each([
    ['out.tar.gz', ['tar', '-xzf']],
    ['out.tgz', ['tar', '-xzf']],
    ['out.tar', ['tar', '-xf']],
    ['out.tar.zst', ['tar', '--zstd', '-xf']],
    ['out.tar.xz', ['tar', '-xJf']],
    ['out.zip', ['unzip', '-q']],
  ])('%s holds both files', async (name, how) => {
    const output = join(dir, 'out', name);
    const result = await compress(output, [disk, notes]);
    expect(result.artifact.files).toEqual([output]);
    expect(result.keepInputDefault).toBe(false);
    const x = await extract(output, how);
    expect((await readdir(x)).sort()).toEqual(['disk.qcow2', 'notes.txt']);
    expect((await readFile(join(x, 'disk.qcow2'))).equals(await readFile(disk))).toBe(true);
    expect(await readFile(join(x, 'notes.txt'), 'utf8')).toBe('second member\n');
    expect(existsSync(`${output}.kiln-partial`)).toBe(false);
  });

  it('zip passes unzip -t', async () => {
    const output = join(dir, 'out.zip');
    await compress(output, [disk, notes], { compression_level: 9 });
    const { stdout } = await execa('unzip', ['-t', output]);
    expect(stdout).toContain('No errors detected');
  });

  it.each([
    ['out.gz', ['gzip', '-t'], ['gzip', '-dc']],
    ['out.zst', ['zstd', '-q', '-t'], ['zstd', '-q', '-dc']],
    ['out.xz', ['xz', '-t'], ['xz', '-dc']],
  ])('%s of one file tests clean and decompresses to the disk', async (name, test, decompress) => {
    const output = join(dir, name);
    await compress(output, [disk]);
    await execa(test[0] as string, [...test.slice(1), output]);
    const { stdout } = await execa(decompress[0] as string, [...decompress.slice(1), output], {
      encoding: 'buffer',
    });
    expect(Buffer.from(stdout).equals(await readFile(disk))).toBe(true);
  });

  it('refuses a single-file compressor for several files, naming the way out', async () => {
    const error = await compress(join(dir, 'out.gz'), [disk, notes]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect((error as Error).message).toContain('gzip compresses one file; got 2');
    expect(existsSync(join(dir, 'out.gz'))).toBe(false);
  });

  it('reports the input and step when a member cannot be read, and leaves no file', async () => {
    const output = join(dir, 'out.tar.gz');
    const error = await compress(output, [disk, join(dir, 'missing.qcow2')]).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^compress: writing .*out\.tar\.gz from .*disk\.qcow2, .*missing\.qcow2 failed: ENOENT/,
    );
    expect(await readdir(dir)).not.toContain('out.tar.gz');
    expect(await readdir(dir)).not.toContain('out.tar.gz.kiln-partial');
  });

  it('leaves no partial file when cancelled', async () => {
    const output = join(dir, 'out.tar.xz');
    const controller = new AbortController();
    const input = filesArtifact('transcend.qemu', [disk], 'test');
    const running = runCompress(input, await config(output), output, {
      ui: new BufferUi(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toThrow();
    expect(await readdir(dir)).not.toContain('out.tar.xz.kiln-partial');
    expect(await readdir(dir)).not.toContain('out.tar.xz');
  });
});
