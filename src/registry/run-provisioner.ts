// Runs one resolved provisioner through its registered plugin, with Packer's common options: pause_before,
// max_retries and timeout.
import { errorMessage, isCancelled, KilnError } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import { abortableSleep } from '../core/wait.js';
import type { ProvisionContext } from '../plugins/plugin.js';
import { type AnyProvisioner, provisionerPlugin } from './registry.js';

export async function runProvisioner(provisioner: AnyProvisioner, ctx: ProvisionContext): Promise<void> {
  if (provisioner.pauseBeforeMs > 0) {
    ctx.ui.say(`Pausing ${formatDuration(provisioner.pauseBeforeMs)} before the next provisioner...`);
    await abortableSleep(provisioner.pauseBeforeMs, ctx.signal);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await withTimeout(provisioner.timeoutMs, ctx.signal, (signal) =>
        runOnce(provisioner, { ...ctx, signal }),
      );
      return;
    } catch (error) {
      if (ctx.signal.aborted || attempt >= provisioner.maxRetries) throw namedError(provisioner, error);
      ctx.ui.error(
        `Provisioner failed: ${errorMessage(error)}; retrying (${attempt + 1}/${provisioner.maxRetries})`,
      );
    }
  }
}

function runOnce(provisioner: AnyProvisioner, ctx: ProvisionContext): Promise<void> {
  return provisionerPlugin(provisioner.type).run(provisioner.config, ctx);
}

/** Which provisioner failed (type and place in the template), so a build with several says which one. */
function namedError(provisioner: AnyProvisioner, error: unknown): unknown {
  if (isCancelled(error)) return error;
  const where = `${provisioner.type} provisioner (${provisioner.path})`;
  return new KilnError(`${where}: ${errorMessage(error)}`, {
    code: error instanceof KilnError ? error.code : 'provisioner',
    ...(error instanceof KilnError && error.hint !== undefined ? { hint: error.hint } : {}),
    cause: error,
  });
}

async function withTimeout(
  ms: number,
  parent: AbortSignal,
  work: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  if (ms <= 0) return work(parent);
  const timeout = AbortSignal.timeout(ms);
  try {
    await work(AbortSignal.any([parent, timeout]));
  } catch (error) {
    if (timeout.aborted && !parent.aborted) {
      throw new KilnError(`provisioner timed out after ${formatDuration(ms)}`, {
        code: 'provisioner-timeout',
        cause: error,
      });
    }
    throw error;
  }
}
