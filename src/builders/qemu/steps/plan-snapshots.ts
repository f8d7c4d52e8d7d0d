// -cache: computes this build's snapshot keys and resumes from the longest cached prefix (the disk is restored
// here into the disk create-disk made, so it keeps the build's format and qemu_img_args; start-vm loads the
// memory and device state). An entry that cannot be used is named in one line and skipped.
import { formatDuration } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { entryLabel } from '../../../snapshot-cache/entry.js';
import { removeEntry } from '../../../snapshot-cache/housekeeping.js';
import { findEntry, touchEntry } from '../../../snapshot-cache/store.js';
import { need, type QemuBuildContext, type SnapshotCacheSettings } from '../build-context.js';
import { chainKeys } from '../snapshot/chain-keys.js';
import { machineKey } from '../snapshot/machine-key.js';
import type { ResumePoint } from '../snapshot/plan.js';

export function planSnapshots(): Step<QemuBuildContext> {
  return {
    name: 'plan-snapshots',
    async run(ctx, signal) {
      const settings = ctx.snapshotCache;
      if (!settings) return;
      const refusal = refusalReason(ctx);
      if (refusal) {
        ctx.ui.message(`-cache is not used for this build: ${refusal}`);
        return;
      }
      const qemuVersion = await ctx.driver.qemuVersion(signal);
      const iso = ctx.state.isoChecksum ?? `path ${need(ctx.state, 'isoPath')}`;
      const keys = await chainKeys(await machineKey(ctx, iso), ctx.provisioners, process.cwd());
      const resume = await resumePoint(ctx, settings, keys, qemuVersion, signal);
      ctx.state.snapshots = { qemuVersion, keys, resume, workStartedAt: Date.now(), recordingMs: 0 };
    },
  };
}

/** What the cache cannot save or restore yet: the build then runs as without -cache. */
function refusalReason(ctx: QemuBuildContext): string | undefined {
  const { config, state } = ctx;
  if (config.communicator !== 'ssh') return 'it needs the SSH communicator';
  if (config.isoSkipCache) return 'iso_skip_cache leaves the ISO unverified';
  if (config.efi) return 'the UEFI variable store (efi_boot) is not cached yet';
  if (config.tpm) return 'the TPM state (vtpm) is not cached yet';
  if (config.diskAdditionalSize.length > 0) return 'disk_additional_size disks are not cached yet';
  if (state.sshKey?.privateKey !== undefined)
    return 'the temporary SSH key changes every build (set ssh_password or ssh_private_key_file)';
  return undefined;
}

async function resumePoint(
  ctx: QemuBuildContext,
  settings: SnapshotCacheSettings,
  keys: readonly string[],
  qemuVersion: string,
  signal: AbortSignal,
): Promise<ResumePoint | undefined> {
  for (let done = keys.length - 1; done >= 0; done--) {
    const key = keys[done] as string;
    const found = await findEntry(settings.root, key, qemuVersion, signal);
    if (found.kind === 'absent') continue;
    if (found.kind === 'unusable') {
      // Removed, so this build can record a good one under the same key.
      await removeEntry(settings.root, key);
      ctx.ui.message(
        `Ignoring and removing cached snapshot ${key.slice(0, 12)} (${entryLabel(done)}): ${found.problem}`,
      );
      continue;
    }
    await restoreDisk(ctx, found.disk, signal);
    await touchEntry(settings.root, key);
    const { costMs } = found.entry;
    ctx.ui.say(`Resuming from cache: ${entryLabel(done)} (saved ${formatDuration(costMs)})`);
    return { provisionersDone: done, statePath: found.state, costMs };
  }
  return undefined;
}

/** Copies the cached disk into the build's own (freshly created, all zero) disk: same format and options. */
async function restoreDisk(ctx: QemuBuildContext, cached: string, signal: AbortSignal): Promise<void> {
  const { format, diskImage } = ctx.config;
  const target = need(ctx.state, 'diskPath');
  // copy-disk-image's disk holds the source image: every byte must be written, zeros too.
  const zero = diskImage ? [] : ['--target-is-zero'];
  await ctx.driver.qemuImg(['convert', '-n', ...zero, '-f', 'qcow2', '-O', format, cached, target], signal);
}
