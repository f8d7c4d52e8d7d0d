// The snapshot cache with the fake QEMU driver: resuming from the longest cached prefix, ignoring corrupt and
// incompatible entries with a note, recording a snapshot, LRU eviction and two builds writing the same key.
import { execFile } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/builders/qemu/snapshot/migration.js';
import { recordSnapshot } from '../../src/builders/qemu/snapshot/record.js';
import { planSnapshots } from '../../src/builders/qemu/steps/plan-snapshots.js';
import { runCacheCommand } from '../../src/commands/cache.js';
import { cacheMaxBytes } from '../../src/snapshot-cache/cache-max.js';
import { DISK_FILE, MANIFEST_FILE, STATE_FILE } from '../../src/snapshot-cache/entry.js';
import { evictTo, listEntries } from '../../src/snapshot-cache/housekeeping.js';
import { FakeQmp } from './fake-qemu-driver.js';
import { useStepHarness } from './qemu-step-harness.js';
import {
  addEntry,
  buildWithCache,
  keysOf,
  migratingQmp,
  never,
  useTempRoots,
  VERSION,
} from './snapshot-cache-fixture.js';

const harness = useStepHarness();
const tempRoot = useTempRoots();

describe('plan-snapshots', () => {
  it('resumes from the longest cached prefix and restores the disk into the build disk', async () => {
    const root = await tempRoot();
    const keys = await keysOf(harness, root);
    expect(keys).toHaveLength(4);
    for (const done of [0, 1, 2]) await addEntry(root, keys[done] as string, done);
    const { ctx, driver, ui } = buildWithCache(harness, root);
    await planSnapshots().run(ctx, never);
    expect(ctx.state.snapshots?.resume?.provisionersDone).toBe(2);
    expect(ui.lines).toContain('==> Resuming from cache: install + 2 provisioners (saved 3m41s)');
    const cached = join(root, keys[2] as string, DISK_FILE);
    expect(driver.qemuImgCalls()).toEqual([
      ['convert', '-n', '--target-is-zero', '-f', 'qcow2', '-O', 'qcow2', cached, ctx.state.diskPath],
    ]);
  });

  it('ignores an edited entry and one from another QEMU with a one-line note, and uses a shorter prefix', async () => {
    const root = await tempRoot();
    const keys = await keysOf(harness, root);
    await addEntry(root, keys[0] as string, 0);
    await addEntry(root, keys[1] as string, 1);
    await addEntry(root, keys[2] as string, 2, { qemuVersion: 'QEMU emulator version 9.0.0' });
    await writeFile(join(root, keys[1] as string, STATE_FILE), 'edited');
    const { ctx, ui } = buildWithCache(harness, root);
    await planSnapshots().run(ctx, never);
    expect(ctx.state.snapshots?.resume?.provisionersDone).toBe(0);
    const notes = ui.lines.filter((line) => line.includes('Ignoring and removing cached snapshot'));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/install \+ 2 provisioners\): it was written by QEMU emulator version 9\.0\.0/);
    expect(notes[1]).toMatch(/install \+ 1 provisioner\): vmstate was changed after it was saved/);
    expect((await listEntries(root)).map((e) => e.key)).toEqual([keys[0]]);
  });

  it('is a cold build without a cached entry, and refuses what it cannot cache with a note', async () => {
    const root = await tempRoot();
    const { ctx, driver } = buildWithCache(harness, root);
    await planSnapshots().run(ctx, never);
    expect(ctx.state.snapshots?.resume).toBeUndefined();
    expect(driver.qemuImgCalls()).toEqual([]);
    const generated = buildWithCache(harness, root);
    generated.ctx.state.sshKey = { publicKey: 'ssh-ed25519 AAA', privateKey: 'secret' };
    await planSnapshots().run(generated.ctx, never);
    expect(generated.ctx.state.snapshots).toBeUndefined();
    expect(generated.ui.lines.join('\n')).toMatch(/-cache is not used for this build: the temporary SSH key/);
  });
});

describe('recordSnapshot', () => {
  it('pauses the VM, saves its state and a qcow2 copy of its disk, runs it on, and publishes the entry', async () => {
    const root = await tempRoot();
    const { ctx, driver } = buildWithCache(harness, root);
    await planSnapshots().run(ctx, never);
    const qmp = migratingQmp();
    ctx.state.qmp = qmp;
    await recordSnapshot(ctx, 1, never);
    expect(qmp.commands.map((c) => c.execute)).toEqual([
      'stop',
      'migrate-set-parameters',
      'migrate',
      'query-migrate',
      'cont',
    ]);
    const convert = driver.qemuImgCalls()[0];
    expect(convert?.slice(0, 6)).toEqual(['convert', '-U', '-f', 'qcow2', '-O', 'qcow2']);
    const [listed] = await listEntries(root);
    expect(listed?.key).toBe(ctx.state.snapshots?.keys[1]);
    expect(listed?.entry?.provisionersDone).toBe(1);
    expect(listed?.entry?.qemuVersion).toBe(VERSION);
  });

  it('runs the VM on and notes it when saving fails', async () => {
    const root = await tempRoot();
    const { ctx, ui } = buildWithCache(harness, root);
    await planSnapshots().run(ctx, never);
    const qmp = new FakeQmp();
    qmp.onCommand = (execute) => (execute === 'query-migrate' ? { status: 'failed' } : undefined);
    ctx.state.qmp = qmp;
    await recordSnapshot(ctx, 0, never);
    expect(qmp.commands.at(-1)?.execute).toBe('cont');
    expect(ui.lines.join('\n')).toMatch(/Could not cache snapshot install: saving the VM state failed/);
    expect((await readdir(root)).filter((name) => !name.startsWith('.lock'))).toEqual([]);
  });
});

describe('KILN_CACHE_MAX', () => {
  it('takes qemu-img style sizes, defaults to 20G, and names a bad value', () => {
    expect(cacheMaxBytes({})).toBe(20 * 1024 ** 3);
    expect(cacheMaxBytes({ KILN_CACHE_MAX: '500M' })).toBe(500 * 1024 ** 2);
    expect(cacheMaxBytes({ KILN_CACHE_MAX: '1.5g' })).toBe(1.5 * 1024 ** 3);
    expect(() => cacheMaxBytes({ KILN_CACHE_MAX: 'lots' })).toThrow(/KILN_CACHE_MAX is not a size: 'lots'/);
  });
});

describe('shellQuote', () => {
  it('keeps a path with quotes and spaces one word for the exec: migration command', async () => {
    const root = await tempRoot();
    const path = join(root, "it's a state");
    await promisify(execFile)('sh', ['-c', `echo saved > ${shellQuote(path)}`]);
    expect(await readFile(path, 'utf8')).toBe('saved\n');
  });
});

describe('the store', () => {
  it('evicts the least recently used entries down to the limit', async () => {
    const root = await tempRoot();
    for (const [i, key] of ['old', 'middle', 'new'].entries()) {
      await addEntry(root, key, 0, { bytes: 1000 });
      const when = new Date(Date.now() - (3 - i) * 60_000);
      await utimes(join(root, key, MANIFEST_FILE), when, when);
    }
    const size = (await listEntries(root))[0]?.size ?? 0;
    const evicted = await evictTo(root, size * 2, new Set(['old']));
    expect(evicted.map((e) => e.key)).toEqual(['middle']);
    expect((await listEntries(root)).map((e) => e.key)).toEqual(['old', 'new']);
  });

  it('keeps one whole entry when two builds commit the same key at once', async () => {
    const root = await tempRoot();
    const results = await Promise.all([addEntry(root, 'same', 0), addEntry(root, 'same', 0)]);
    expect(results.sort()).toEqual([false, true]);
    expect((await readdir(root)).filter((name) => !name.startsWith('.lock'))).toEqual(['same']);
    expect((await listEntries(root))[0]?.entry?.key).toBe('same');
  });

  it('kiln cache ls lists entries, prune drops unreadable ones, clear empties it', async () => {
    const cacheDir = await tempRoot();
    const root = join(cacheDir, 'snapshots');
    await addEntry(root, 'a'.repeat(64), 2);
    await addEntry(root, 'b'.repeat(64), 0);
    await writeFile(join(root, 'b'.repeat(64), MANIFEST_FILE), '{');
    const out: string[] = [];
    const options = { env: { KILN_CACHE_DIR: cacheDir }, out: { write: (t: string) => out.push(t) } };
    await runCacheCommand('ls', options);
    expect(out.join('')).toMatch(/aaaaaaaaaaaa .* install \+ 2 provisioners of qemu \(t\.json\)/);
    expect(out.join('')).toMatch(/bbbbbbbbbbbb .* unreadable entry/);
    await runCacheCommand('prune', options);
    expect((await listEntries(root)).map((e) => e.key)).toEqual(['a'.repeat(64)]);
    await runCacheCommand('clear', options);
    expect(await listEntries(root)).toEqual([]);
  });
});
