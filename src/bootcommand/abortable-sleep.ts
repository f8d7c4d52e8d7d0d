// A sleep that ends early with CancelledError when the build is aborted, and copes with waits over 24.8 days.
import { setTimeout as delay } from 'node:timers/promises';
import { throwIfAborted } from '../core/errors.js';

/** Node clamps longer timers to 1 ms, so long waits sleep in chunks. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  let left = ms;
  while (left > 0) {
    const chunk = Math.min(left, MAX_TIMER_MS);
    try {
      await delay(chunk, undefined, { signal });
    } catch (error) {
      throwIfAborted(signal);
      throw error;
    }
    left -= chunk;
  }
}
