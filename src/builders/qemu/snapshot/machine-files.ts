// The files of a snapshot besides the migration stream: what QEMU keeps outside its memory and device state.
// The disk (a standalone qcow2 per entry) and, with efi_boot, the pflash variable store are copied while the
// VM is paused, and copied back into the build's own files before QEMU starts to load the state.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DISK_FILE, EFIVARS_FILE, STATE_FILE } from '../../../snapshot-cache/entry.js';
import { need, type QemuBuildContext } from '../build-context.js';

/** The files an entry must hold for this build to resume from it. */
export function snapshotFiles(ctx: QemuBuildContext): string[] {
  return [DISK_FILE, STATE_FILE, ...(ctx.config.efi ? [EFIVARS_FILE] : [])];
}

/** Copies the paused VM's disk and variable store into `staging`. */
export async function saveMachineFiles(
  ctx: QemuBuildContext,
  staging: string,
  signal: AbortSignal,
): Promise<void> {
  const disk = need(ctx.state, 'diskPath');
  // -U: the paused QEMU still has the image open; its writes are flushed by the stop.
  const args = ['convert', '-U', '-f', ctx.config.format, '-O', 'qcow2', disk, join(staging, DISK_FILE)];
  await ctx.driver.qemuImg(args, signal);
  // pflash writes go straight to the file, so after the stop it holds what the firmware last stored.
  if (ctx.config.efi) await copyFile(need(ctx.state, 'efivarsPath'), join(staging, EFIVARS_FILE));
}

/** Copies an entry's disk and variable store over the build's own (made by create-disk and prepare-efivars). */
export async function restoreMachineFiles(
  ctx: QemuBuildContext,
  entryDir: string,
  signal: AbortSignal,
): Promise<void> {
  const { format, diskImage } = ctx.config;
  const target = need(ctx.state, 'diskPath');
  // copy-disk-image's disk holds the source image: every byte must be written, zeros too.
  const zero = diskImage ? [] : ['--target-is-zero'];
  const cached = join(entryDir, DISK_FILE);
  await ctx.driver.qemuImg(['convert', '-n', ...zero, '-f', 'qcow2', '-O', format, cached, target], signal);
  if (ctx.config.efi) await copyFile(join(entryDir, EFIVARS_FILE), need(ctx.state, 'efivarsPath'));
}
