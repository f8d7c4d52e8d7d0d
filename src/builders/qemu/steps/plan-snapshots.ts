// -cache: computes this build's snapshot keys and resumes from the longest cached prefix (the disks and UEFI
// variables are restored here into the files create-disk and prepare-efivars made, so the disks keep the build's
// format and qemu_img_args; start-vm loads the memory and device state). An entry that cannot be used is named in one line and skipped.
import { formatDuration } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { entryLabel } from '../../../snapshot-cache/entry.js';
import { removeEntry } from '../../../snapshot-cache/housekeeping.js';
import { findEntry, touchEntry } from '../../../snapshot-cache/store.js';
import { need, type QemuBuildContext, type SnapshotCacheSettings } from '../build-context.js';
import { chainKeys } from '../snapshot/chain-keys.js';
import { restoreMachineFiles, snapshotFiles } from '../snapshot/machine-files.js';
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
    const found = await findEntry(settings.root, { key, qemuVersion, files: snapshotFiles(ctx) }, signal);
    if (found.kind === 'absent') continue;
    if (found.kind === 'unusable') {
      // Removed, so this build can record a good one under the same key.
      await removeEntry(settings.root, key);
      ctx.ui.message(
        `Ignoring and removing cached snapshot ${key.slice(0, 12)} (${entryLabel(done)}): ${found.problem}`,
      );
      continue;
    }
    await restoreMachineFiles(ctx, found.dir, signal);
    await touchEntry(settings.root, key);
    const { costMs } = found.entry;
    ctx.ui.say(`Resuming from cache: ${entryLabel(done)} (saved ${formatDuration(costMs)})`);
    return { provisionersDone: done, statePath: found.state, costMs };
  }
  return undefined;
}
