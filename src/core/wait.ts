// Waiting, one way everywhere: an abortable sleep, a race against a deadline, and a signal with a deadline.
// None of them leaves a timer behind (a pending timer keeps Node alive).
import { setTimeout as delay } from 'node:timers/promises';
import { throwIfAborted } from './errors.js';

/** Node clamps longer timers to 1 ms, so long waits sleep in chunks. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Sleeps `ms`; an abort ends it early with CancelledError (or the signal's KilnError reason). */
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

/** Resolves with the value, or 'timeout' after `ms`; the signal still aborts the wait. */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  signal: AbortSignal,
): Promise<{ value: T } | 'timeout'> {
  const settled = new AbortController();
  try {
    return await Promise.race([
      work.then((value) => ({ value })),
      delay(Math.min(ms, MAX_TIMER_MS), 'timeout' as const, {
        signal: AbortSignal.any([signal, settled.signal]),
      }),
    ]);
  } finally {
    settled.abort();
  }
}

export interface DeadlineSignal {
  signal: AbortSignal;
  /** True when the delay (not the parent) fired. */
  timedOut(): boolean;
  /** Clears the timer and the parent listener; call in `finally`. */
  dispose(): void;
}

/** A child signal that fires on the parent's abort or after `ms`, and leaves nothing behind once disposed. */
export function createDeadlineSignal(parent: AbortSignal, ms: number): DeadlineSignal {
  const controller = new AbortController();
  let expired = false;
  const onAbort = (): void => controller.abort(parent.reason);
  const timer = Number.isFinite(ms)
    ? setTimeout(
        () => {
          expired = true;
          controller.abort(new Error('deadline'));
        },
        Math.max(0, Math.min(ms, MAX_TIMER_MS)),
      )
    : undefined;
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
