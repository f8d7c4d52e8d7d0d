// -cache with efi_boot, with the fake QEMU driver: the build's UEFI variable store is a file of each snapshot
// (copied while the VM is paused, checksummed, restored before QEMU loads the state), and the OVMF files' bytes
// are part of the install key. With vtpm the TPM state travels in the migration stream: only the key changes.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import { recordSnapshot } from '../../src/builders/qemu/snapshot/record.js';
import { planSnapshots } from '../../src/builders/qemu/steps/plan-snapshots.js';
import { EFIVARS_FILE } from '../../src/snapshot-cache/entry.js';
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

/** OVMF stand-ins in `root`, and the config that names them. */
async function firmware(root: string, code = 'code v1', vars = 'vars v1') {
  await writeFile(join(root, 'OVMF_CODE.fd'), code);
  await writeFile(join(root, 'OVMF_VARS.fd'), vars);
  return { efi_firmware_code: join(root, 'OVMF_CODE.fd'), efi_firmware_vars: join(root, 'OVMF_VARS.fd') };
}

/** What prepare-efivars leaves: the build's own variable store beside its disk. */
function withEfivars(ctx: QemuBuildContext, run: string): void {
  ctx.state.efivarsPath = join(ctx.state.outputDir as string, `efivars-${run}.fd.kiln-partial`);
}

/** A UEFI build whose variable store (as prepare-efivars copied it) holds `nvram`. */
async function efiBuild(root: string, config: Record<string, unknown>, nvram: string) {
  const h = buildWithCache(harness, root, config);
  await writeFile(join(h.dir, 'efivars.fd'), nvram);
  h.ctx.state.efivarsPath = join(h.dir, 'efivars.fd');
  return h;
}

describe('-cache with efi_boot', () => {
  it('keys the same across runs with their own variable store paths, and on the OVMF files bytes', async () => {
    const fw = await tempRoot();
    const root = await tempRoot();
    const config = await firmware(fw);
    const a = await keysOf(harness, root, config, (ctx) => withEfivars(ctx, 'a'));
    expect(a).toHaveLength(4);
    expect(await keysOf(harness, root, config, (ctx) => withEfivars(ctx, 'b'))).toEqual(a);
    await firmware(fw, 'code v2');
    const upgraded = await keysOf(harness, root, config, (ctx) => withEfivars(ctx, 'a'));
    expect(upgraded[0]).not.toBe(a[0]);
    await firmware(fw, 'code v2', 'vars v2');
    expect((await keysOf(harness, root, config, (ctx) => withEfivars(ctx, 'a')))[0]).not.toBe(upgraded[0]);
  });

  it('records the paused VM variable store in the entry, checksummed', async () => {
    const root = await tempRoot();
    const { ctx } = await efiBuild(root, await firmware(await tempRoot()), 'NVRAM after install');
    await planSnapshots().run(ctx, never);
    expect(ctx.state.snapshots).toBeDefined();
    ctx.state.qmp = migratingQmp();
    await recordSnapshot(ctx, 0, never);
    const [listed] = await listEntries(root);
    expect(listed?.entry?.files.map((f) => f.name)).toEqual(['disk.qcow2', 'vmstate', EFIVARS_FILE]);
    const saved = join(root, listed?.key as string, EFIVARS_FILE);
    expect(await readFile(saved, 'utf8')).toBe('NVRAM after install');
  });

  it('restores the variable store into the build before QEMU starts, and skips an entry without one', async () => {
    const root = await tempRoot();
    const config = await firmware(await tempRoot());
    const keys = await keysOf(harness, root, config, (ctx) => withEfivars(ctx, 'a'));
    await addEntry(root, keys[0] as string, 0, { extra: { [EFIVARS_FILE]: 'NVRAM of the install' } });
    await addEntry(root, keys[1] as string, 1); // no variable store: not usable by a UEFI build
    await addEntry(root, keys[2] as string, 2, { extra: { [EFIVARS_FILE]: 'NVRAM 2' } });
    await writeFile(join(root, keys[2] as string, EFIVARS_FILE), 'edited');
    const { ctx, ui } = await efiBuild(root, config, 'fresh OVMF_VARS copy');
    await planSnapshots().run(ctx, never);
    expect(ctx.state.snapshots?.resume?.provisionersDone).toBe(0);
    const notes = ui.lines.filter((line) => line.includes('Ignoring and removing cached snapshot'));
    expect(notes[0]).toMatch(/install \+ 2 provisioners\): efivars\.fd was changed after it was saved/);
    expect(notes[1]).toMatch(/install \+ 1 provisioner\): efivars\.fd is missing/);
    expect(await readFile(ctx.state.efivarsPath as string, 'utf8')).toBe('NVRAM of the install');
  });
});

describe('-cache with vtpm', () => {
  it('plans before swtpm is started, with keys of their own that are the same across runs', async () => {
    const root = await tempRoot();
    const tpm = await keysOf(harness, root, { vtpm: true });
    expect(tpm).toHaveLength(4);
    expect(await keysOf(harness, root, { vtpm: true })).toEqual(tpm);
    expect((await keysOf(harness, root))[0]).not.toBe(tpm[0]);
  });
});
