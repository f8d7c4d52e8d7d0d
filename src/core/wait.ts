// Races work against a deadline without leaving the timer behind (a pending timer keeps Node alive).
import { setTimeout as sleep } from 'node:timers/promises';

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
      sleep(ms, 'timeout' as const, { signal: AbortSignal.any([signal, settled.signal]) }),
    ]);
  } finally {
    settled.abort();
  }
}
