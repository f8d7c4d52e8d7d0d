// -cache, once SSH is up: a resumed VM gets its clock set (it resumes with the time it was saved at); a fresh
// install is recorded as the first snapshot.
import { errorMessage } from '../../../core/errors.js';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { recordSnapshot } from '../snapshot/record.js';

export function snapshotInstall(): Step<QemuBuildContext> {
  return {
    name: 'snapshot-install',
    async run(ctx, signal) {
      const plan = ctx.state.snapshots;
      if (!plan) return;
      if (plan.resume) await setGuestClock(ctx, signal);
      else await recordSnapshot(ctx, 0, signal);
    },
  };
}

/** Best effort: `date -s` needs root (or passwordless sudo); without it the guest's NTP, if any, catches up. */
async function setGuestClock(ctx: QemuBuildContext, signal: AbortSignal): Promise<void> {
  const seconds = Math.floor(Date.now() / 1000);
  const set = `date -u -s @${seconds}`;
  const command = `${set} >/dev/null 2>&1 || sudo -n ${set} >/dev/null 2>&1`;
  try {
    const result = await need(ctx.state, 'communicator').run(command, { signal });
    if (result.exitCode !== 0) ctx.ui.message('Could not set the resumed guest clock (date -s needs root)');
  } catch (error) {
    if (signal.aborted) throw error;
    ctx.ui.message(`Could not set the resumed guest clock: ${errorMessage(error)}`);
  }
}
