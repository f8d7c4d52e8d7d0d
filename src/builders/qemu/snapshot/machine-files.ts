// The files of a snapshot besides the migration stream: what QEMU keeps outside its memory and device state.
// The disks (a standalone qcow2 each per entry) and, with efi_boot, the pflash variable store are copied while
// the VM is paused, and copied back into the build's own files before QEMU starts to load the state.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DISK_FILE, EFIVARS_FILE, STATE_FILE } from '../../../snapshot-cache/entry.js';
import { need, type QemuBuildContext } from '../build-context.js';

interface CachedDisk {
  /** The build's disk (a partial name in the output directory). */
  path: string;
  /** Its copy's name in the entry. */
  name: string;
  /** A disk create-disk made and nothing wrote since: restoring may skip its zeros. */
  fresh: boolean;
}

/** The main disk, then disk_additional_size's (disk-1.qcow2, …), always made empty by the build. */
function cachedDisks(ctx: QemuBuildContext): CachedDisk[] {
  const extra = ctx.state.additionalDiskPaths ?? [];
  return [
    // copy-disk-image's disk holds the source image: every byte must be written, zeros too.
    { path: need(ctx.state, 'diskPath'), name: DISK_FILE, fresh: !ctx.config.diskImage },
    ...extra.map((path, i) => ({ path, name: `disk-${i + 1}.qcow2`, fresh: true })),
  ];
}

/** The files an entry must hold for this build to resume from it. */
export function snapshotFiles(ctx: QemuBuildContext): string[] {
  const disks = cachedDisks(ctx).map((disk) => disk.name);
  return [...disks, STATE_FILE, ...(ctx.config.efi ? [EFIVARS_FILE] : [])];
}

/** Copies the paused VM's disks and variable store into `staging`. */
export async function saveMachineFiles(
  ctx: QemuBuildContext,
  staging: string,
  signal: AbortSignal,
): Promise<void> {
  const { format } = ctx.config;
  for (const disk of cachedDisks(ctx)) {
    // -U: the paused QEMU still has the image open; its writes are flushed by the stop.
    const copy = join(staging, disk.name);
    await ctx.driver.qemuImg(['convert', '-U', '-f', format, '-O', 'qcow2', disk.path, copy], signal);
  }
  // pflash writes go straight to the file, so after the stop it holds what the firmware last stored.
  if (ctx.config.efi) await copyFile(need(ctx.state, 'efivarsPath'), join(staging, EFIVARS_FILE));
}

/** Copies an entry's disks and variable store over the build's own (made by create-disk and prepare-efivars). */
export async function restoreMachineFiles(
  ctx: QemuBuildContext,
  entryDir: string,
  signal: AbortSignal,
): Promise<void> {
  const { format } = ctx.config;
  for (const disk of cachedDisks(ctx)) {
    const zero = disk.fresh ? ['--target-is-zero'] : [];
    const cached = join(entryDir, disk.name);
    await ctx.driver.qemuImg(
      ['convert', '-n', ...zero, '-f', 'qcow2', '-O', format, cached, disk.path],
      signal,
    );
  }
  if (ctx.config.efi) await copyFile(join(entryDir, EFIVARS_FILE), need(ctx.state, 'efivarsPath'));
}
