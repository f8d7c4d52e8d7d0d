// Records a snapshot of the running VM into the cache: pause, write the memory and device state, copy the
// disk and the other machine files (machine-files.ts), go on running, then publish the entry and evict down to KILN_CACHE_MAX.
// A snapshot that cannot be recorded is a note, never a failed build.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../../core/errors.js';
import { formatBytes, formatDuration } from '../../../core/format.js';
import { ENTRY_VERSION, entryLabel, STATE_FILE } from '../../../snapshot-cache/entry.js';
import { evictTo } from '../../../snapshot-cache/housekeeping.js';
import { commitEntry, stageEntry } from '../../../snapshot-cache/store.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { saveMachineFiles, snapshotFiles } from './machine-files.js';
import { saveVmState } from './migration.js';
import { costSoFar } from './plan.js';

/** After provisioner `done` (0: the install); does nothing without -cache or past the keyable provisioners. */
export async function recordSnapshot(
  ctx: QemuBuildContext,
  done: number,
  signal: AbortSignal,
): Promise<void> {
  const plan = ctx.state.snapshots;
  const settings = ctx.snapshotCache;
  const key = plan?.keys[done];
  if (!plan || !settings || key === undefined) return;
  const started = Date.now();
  const costMs = costSoFar(plan, started);
  const qmp = need(ctx.state, 'qmp');
  const staging = await stageEntry(settings.root);
  let stopped = false;
  try {
    await qmp.command('stop');
    stopped = true;
    await saveVmState(qmp, join(staging, STATE_FILE), signal);
    await saveMachineFiles(ctx, staging, signal);
    await qmp.command('cont');
    stopped = false;
    const entry = {
      version: ENTRY_VERSION,
      key,
      provisionersDone: done,
      template: settings.template,
      build: ctx.build.name,
      qemuVersion: plan.qemuVersion,
      costMs,
      createdAt: new Date().toISOString(),
    };
    const added = await commitEntry(settings.root, staging, entry, snapshotFiles(ctx), signal);
    const evicted = await evictTo(settings.root, settings.maxBytes, new Set([key]));
    const note = added ? '' : ' (another build had just saved the same one)';
    ctx.ui.message(
      `Cached snapshot ${entryLabel(done)} in ${formatDuration(Date.now() - started)}${note}${evictionNote(evicted)}`,
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (signal.aborted) throw error;
    ctx.ui.message(`Could not cache snapshot ${entryLabel(done)}: ${errorMessage(error)}`);
  } finally {
    if (stopped) await qmp.command('cont').catch(() => undefined);
    plan.recordingMs += Date.now() - started;
  }
}

function evictionNote(evicted: readonly { size: number }[]): string {
  if (evicted.length === 0) return '';
  const bytes = evicted.reduce((sum, e) => sum + e.size, 0);
  return `; evicted ${evicted.length} least recently used (${formatBytes(bytes)}) to stay under KILN_CACHE_MAX`;
}
