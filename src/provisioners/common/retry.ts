// Packer's retry.Config{StartTimeout}: retry a unit of work until it succeeds or the start timeout has passed.

import { CancelledError, errorMessage, isCancelled, KilnError } from '../../core/errors.js';
import { abortableSleep } from '../../core/wait.js';

export interface RetryOptions {
  /** Stop retrying once this much time has passed since the first try. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Pause between tries; Packer waits 2 s. */
  delayMs?: number;
  /** Describes the work for the final error, e.g. "starting /tmp/script_1.sh". */
  what: string;
  onRetry?: (error: unknown) => void;
  /** Errors that must not be retried, e.g. a command that started and then stalled (it would run twice). */
  isFinal?: (error: unknown) => boolean;
}

export async function retryWithin<T>(options: RetryOptions, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw new CancelledError();
    try {
      return await work();
    } catch (error) {
      if (isCancelled(error) || options.signal.aborted) throw new CancelledError();
      if (options.isFinal?.(error)) throw error;
      const delay = options.delayMs ?? 2_000;
      if (Date.now() + delay >= deadline) {
        throw new KilnError(`${options.what} failed after ${attempt} attempt(s): ${errorMessage(error)}`, {
          code: 'provisioner',
          hint: 'the guest did not accept the command within start_retry_timeout: check that SSH still works',
          cause: error,
        });
      }
      options.onRetry?.(error);
      try {
        await abortableSleep(delay, options.signal);
      } catch {
        throw new CancelledError();
      }
    }
  }
}
