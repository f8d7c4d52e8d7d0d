// Partial downloads Kiln 0.1 left (`<target>.<pid>-<random>.part`, removed after a day): the largest of a
// dead process becomes the resumable `.part`; one a live process is still writing is left alone.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { adoptLegacyParts, partPath, partSize } from '../../src/iso/partial-download.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-parts-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A PID that belonged to a process that has exited. */
const deadPid = (): number => spawnSync('true').pid as number;

it('adopts the largest leftover of a dead run and removes the others', async () => {
  const target = join(dir, 'abc.iso');
  const dead = deadPid();
  await writeFile(join(dir, `abc.iso.${dead}-aa.part`), 'bigger');
  await writeFile(join(dir, `abc.iso.${dead}-bb.part`), 'small');
  await writeFile(join(dir, `abc.iso.${process.pid}-cc.part`), 'live');
  await writeFile(join(dir, `other.iso.${dead}-dd.part`), 'other target');
  const notes = await adoptLegacyParts(target);
  expect(notes).toEqual([
    `kept ${join(dir, `abc.iso.${dead}-aa.part`)} (6 bytes) to resume`,
    `removed leftover partial download ${join(dir, `abc.iso.${dead}-bb.part`)}`,
  ]);
  expect(await readFile(partPath(target), 'utf8')).toBe('bigger');
  expect(await partSize(target)).toBe(6);
  expect((await readdir(dir)).sort()).toEqual(
    ['abc.iso.part', `abc.iso.${process.pid}-cc.part`, `other.iso.${dead}-dd.part`].sort(),
  );
});

it('keeps an existing .part and removes the leftovers', async () => {
  const target = join(dir, 'abc.iso');
  await writeFile(partPath(target), 'current');
  await writeFile(join(dir, `abc.iso.${deadPid()}-aa.part`), 'old');
  expect(await adoptLegacyParts(target)).toHaveLength(1);
  expect(await readdir(dir)).toEqual(['abc.iso.part']);
  expect(await readFile(partPath(target), 'utf8')).toBe('current');
});

it('is quiet when the directory does not exist', async () => {
  expect(await adoptLegacyParts(join(dir, 'missing', 'x.iso'))).toEqual([]);
  expect(await partSize(join(dir, 'missing', 'x.iso'))).toBe(0);
});
