// A child AbortSignal that fires on the parent's abort or after a delay, and leaves nothing behind once disposed.

export interface DeadlineSignal {
  signal: AbortSignal;
  /** True when the delay (not the parent) fired. */
  timedOut(): boolean;
  /** Clears the timer and the parent listener; call in `finally`. */
  dispose(): void;
}

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
        Math.max(0, Math.min(ms, 2 ** 31 - 1)),
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
