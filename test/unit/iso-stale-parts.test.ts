// Stale partial downloads are removed; fresh ones (a live download in another process) are left alone.
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { removeStaleParts } from '../../src/iso/stale-parts.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-parts-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('removes only old .part files of the same target', async () => {
  const target = join(dir, 'abc.iso');
  const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  for (const name of ['abc.iso.1-aa.part', 'abc.iso.2-bb.part', 'other.iso.3-cc.part', 'abc.iso']) {
    await writeFile(join(dir, name), 'x');
  }
  await utimes(join(dir, 'abc.iso.1-aa.part'), old, old);
  await utimes(join(dir, 'other.iso.3-cc.part'), old, old);
  await utimes(join(dir, 'abc.iso'), old, old);
  expect(await removeStaleParts(target)).toEqual([join(dir, 'abc.iso.1-aa.part')]);
  expect((await readdir(dir)).sort()).toEqual(['abc.iso', 'abc.iso.2-bb.part', 'other.iso.3-cc.part']);
});

it('is quiet when the directory does not exist', async () => {
  expect(await removeStaleParts(join(dir, 'missing', 'x.iso'))).toEqual([]);
});
