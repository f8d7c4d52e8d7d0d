// Extra CD and floppy images made with the real tools (xorriso, mkfs.fat, mcopy), read back with them.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkFloppyFits,
  FLOPPY_BYTES,
  makeFloppyImage,
  makeIsoImage,
} from '../../src/builders/qemu/media/make-images.js';
import {
  expandPaths,
  stageCdFiles,
  stageContent,
  stageDirectories,
  stageFlatFiles,
  treeSize,
} from '../../src/builders/qemu/media/stage-files.js';

let dir: string;
const signal = new AbortController().signal;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-media-'));
  await mkdir(join(dir, 'src/seed/nested'), { recursive: true });
  await writeFile(join(dir, 'src/seed/user-data'), '#cloud-config\n');
  await writeFile(join(dir, 'src/seed/meta-data'), '');
  await writeFile(join(dir, 'src/seed/nested/deep.txt'), 'deep');
  await writeFile(join(dir, 'src/ks.cfg'), 'text\n');
  await symlink(join(dir, 'src/ks.cfg'), join(dir, 'src/link.cfg'));
  await mkdir(join(dir, 'stage'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function isoListing(iso: string): Promise<string[]> {
  const { stdout } = await execa('xorriso', ['-indev', iso, '-find', '/', '-type', 'f'], {
    stderr: 'ignore',
  });
  return stdout
    .split('\n')
    .map((line) => line.replace(/^'|'$/g, ''))
    .filter(Boolean)
    .sort();
}

describe('cd_files staging (Packer rules)', () => {
  it('keeps a directory by name, its contents with a trailing slash, globs expanded, links followed', async () => {
    const paths = await expandPaths([join(dir, 'src/seed'), join(dir, 'src/*.cfg')], 'cd_files');
    expect(paths).toEqual([join(dir, 'src/seed'), join(dir, 'src/ks.cfg'), join(dir, 'src/link.cfg')]);
    const stage = join(dir, 'stage');
    await stageCdFiles(stage, paths);
    await stageContent(stage, { 'user-data': '#cloud-config\nhostname: x\n', 'a/b.txt': 'b' });
    const iso = join(dir, 'cd.iso');
    await makeIsoImage(stage, 'cidata', iso, signal);
    expect(await isoListing(iso)).toEqual([
      '/a/b.txt',
      '/ks.cfg',
      '/link.cfg',
      '/seed/meta-data',
      '/seed/nested/deep.txt',
      '/seed/user-data',
      '/user-data',
    ]);
    const { stdout } = await execa('xorriso', ['-indev', iso, '-pvd_info'], { stderr: 'ignore' });
    expect(stdout).toMatch(/Volume Id\s*:\s*cidata/);
  });

  it('puts a trailing-slash directory’s contents at the root', async () => {
    const stage = join(dir, 'stage');
    await stageCdFiles(stage, await expandPaths([`${join(dir, 'src/seed')}/`], 'cd_files'));
    const iso = join(dir, 'cd.iso');
    await makeIsoImage(stage, 'packer', iso, signal);
    expect(await isoListing(iso)).toEqual(['/meta-data', '/nested/deep.txt', '/user-data']);
  });

  it('refuses a glob that matches nothing, naming the key', async () => {
    await expect(expandPaths([join(dir, 'src/*.nope')], 'cd_files')).rejects.toThrow(
      /cd_files: '.*src\/\*\.nope' matches no file/,
    );
  });
});

describe('floppy images', () => {
  it('flattens floppy_files, keeps floppy_dirs, and writes a FAT12 1.44 MB image with the label', async () => {
    const stage = join(dir, 'stage');
    await stageFlatFiles(
      stage,
      await expandPaths([join(dir, 'src/ks.cfg'), join(dir, 'src/seed')], 'floppy_files'),
    );
    await stageDirectories(stage, await expandPaths([join(dir, 'src/seed')], 'floppy_dirs'));
    await stageContent(stage, { 'answer.txt': 'yes' });
    const image = join(dir, 'floppy.img');
    await makeFloppyImage(stage, 'packer', image, signal);
    expect((await readFile(image)).length).toBe(FLOPPY_BYTES);
    const { stdout } = await execa('mdir', ['-/', '-b', '-i', image, '::/']);
    expect(stdout.split('\n').sort()).toEqual(
      expect.arrayContaining(['::/answer.txt', '::/deep.txt', '::/ks.cfg', '::/seed/nested/deep.txt']),
    );
    const label = await execa('mlabel', ['-s', '-i', image, '::']);
    expect(label.stdout).toMatch(/PACKER/);
    const copy = await execa('mtype', ['-i', image, '::/answer.txt']);
    expect(copy.stdout).toBe('yes');
  });

  it('says the files do not fit before trying, and when mcopy runs out of room', async () => {
    expect(() => checkFloppyFits(2_000_000)).toThrow(
      /^floppy_files\/floppy_dirs\/floppy_content: .*do not fit on a 1\.44 MB floppy/,
    );
    const stage = join(dir, 'stage');
    // Random bytes: FAT has no compression, and 1.5 MB cannot fit however it is counted.
    await writeFile(join(stage, 'big.bin'), Buffer.alloc(1_500_000, 7));
    expect(() => checkFloppyFits(0)).not.toThrow();
    expect(await treeSize(stage)).toBe(1_500_000);
    await expect(makeFloppyImage(stage, 'packer', join(dir, 'f.img'), signal)).rejects.toThrow(
      /floppy_files\/floppy_dirs\/floppy_content: .*do not fit on a 1\.44 MB floppy/,
    );
  });
});
