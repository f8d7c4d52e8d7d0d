// -cache with disk_additional_size, with the fake QEMU driver: every disk is a file of each snapshot (a qcow2
// copy made while the VM is paused, checksummed, converted back into the build's own disk before QEMU starts).
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import { recordSnapshot } from '../../src/builders/qemu/snapshot/record.js';
import { planSnapshots } from '../../src/builders/qemu/steps/plan-snapshots.js';
import { listEntries } from '../../src/snapshot-cache/housekeeping.js';
import { useStepHarness } from './qemu-step-harness.js';
import {
  addEntry,
  buildWithCache,
  keysOf,
  migratingQmp,
  never,
  useTempRoots,
} from './snapshot-cache-fixture.js';

const harness = useStepHarness();
const tempRoot = useTempRoots();
const TWO_DISKS = { disk_additional_size: ['64M', '1G'] };

/** What create-disk leaves: the extra disks beside the main one, in this run's output directory. */
function withDisks(ctx: QemuBuildContext, run: string): string[] {
  const dir = join(ctx.state.outputDir as string, '..', `out-${run}`);
  ctx.state.additionalDiskPaths = ['1', '2'].map((n) => join(dir, `vm-${n}.kiln-partial`));
  return ctx.state.additionalDiskPaths;
}

describe('-cache with disk_additional_size', () => {
  it('keys the same across runs with their own disk paths, and differently for other sizes', async () => {
    const root = await tempRoot();
    const a = await keysOf(harness, root, TWO_DISKS, (ctx) => withDisks(ctx, 'a'));
    expect(a).toHaveLength(4);
    expect(await keysOf(harness, root, TWO_DISKS, (ctx) => withDisks(ctx, 'b'))).toEqual(a);
    const bigger = { disk_additional_size: ['64M', '2G'] };
    expect((await keysOf(harness, root, bigger, (ctx) => withDisks(ctx, 'a')))[0]).not.toBe(a[0]);
  });

  it('records a qcow2 copy of every disk of the paused VM', async () => {
    const root = await tempRoot();
    const { ctx, driver } = buildWithCache(harness, root, TWO_DISKS);
    const [one, two] = withDisks(ctx, 'a');
    await planSnapshots().run(ctx, never);
    ctx.state.qmp = migratingQmp();
    await recordSnapshot(ctx, 0, never);
    // Into the entry's staging directory, renamed into place once complete.
    expect(driver.qemuImgCalls().map((args) => [args.at(-2), basename(args.at(-1) as string)])).toEqual([
      [ctx.state.diskPath, 'disk.qcow2'],
      [one, 'disk-1.qcow2'],
      [two, 'disk-2.qcow2'],
    ]);
    const [listed] = await listEntries(root);
    expect(listed?.entry?.files.map((f) => f.name)).toEqual([
      'disk.qcow2',
      'disk-1.qcow2',
      'disk-2.qcow2',
      'vmstate',
    ]);
  });

  it('restores every disk, and skips an entry that lacks one', async () => {
    const root = await tempRoot();
    const keys = await keysOf(harness, root, TWO_DISKS, (ctx) => withDisks(ctx, 'a'));
    const disks = { 'disk-1.qcow2': 'one', 'disk-2.qcow2': 'two' };
    await addEntry(root, keys[0] as string, 0, { extra: disks });
    await addEntry(root, keys[1] as string, 1, { extra: { 'disk-1.qcow2': 'one' } });
    const { ctx, driver, ui } = buildWithCache(harness, root, TWO_DISKS);
    const [one, two] = withDisks(ctx, 'b');
    await mkdir(dirname(one as string), { recursive: true });
    await planSnapshots().run(ctx, never);
    expect(ctx.state.snapshots?.resume?.provisionersDone).toBe(0);
    expect(ui.lines.join('\n')).toMatch(/install \+ 1 provisioner\): disk-2\.qcow2 is missing/);
    const dir = join(root, keys[0] as string);
    expect(driver.qemuImgCalls().map((args) => args.slice(-2))).toEqual([
      [join(dir, 'disk.qcow2'), ctx.state.diskPath],
      [join(dir, 'disk-1.qcow2'), one],
      [join(dir, 'disk-2.qcow2'), two],
    ]);
  });
});
