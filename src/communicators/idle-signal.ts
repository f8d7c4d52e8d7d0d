// A child AbortSignal that fires on the parent's abort or when no progress was reported for a while
// (`ssh_read_write_timeout`): every touch() restarts the clock.

export interface IdleSignal {
  signal: AbortSignal;
  /** Reports progress (data read or written): the idle clock starts again. */
  touch(): void;
  /** Stops the clock until the next touch(). */
  pause(): void;
  /** True when the idle limit (not the parent) fired. */
  timedOut(): boolean;
  /** Clears the timer and the parent listener; call in `finally`. */
  dispose(): void;
}

/** The clock starts at the first touch(). `ms` <= 0: never idle-times out, only follows the parent. */
export function createIdleSignal(parent: AbortSignal, ms: number): IdleSignal {
  const controller = new AbortController();
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (ms <= 0 || controller.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      expired = true;
      controller.abort(new Error('idle timeout'));
    }, ms);
  };
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    touch: arm,
    pause: () => clearTimeout(timer),
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
