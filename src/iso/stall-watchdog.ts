// A stalled download (the server accepted, then sends nothing) is silent: progress only moves when bytes
// arrive. The watchdog says so at intervals and, once the stall timeout has passed, aborts the request so
// the next iso_urls entry is tried. Packer (go-getter) has no such limit and waits for ever.

import { KilnError } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import { parseGoDurationMs } from '../core/go-duration.js';

export const STALL_TIMEOUT_ENV = 'KILN_DOWNLOAD_STALL_TIMEOUT';
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;
/** Node's fetch ends a connection that sends nothing for 5 minutes on its own; a longer wait cannot happen. */
export const MAX_STALL_TIMEOUT_MS = 300_000;
/** How often a stall is reported at most; shorter timeouts report four times before they fire. */
const MAX_NOTICE_EVERY_MS = 10_000;

/** `KILN_DOWNLOAD_STALL_TIMEOUT` as a Go duration ("90s", "2m"), else the default; bad values are an error. */
export function stallTimeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env[STALL_TIMEOUT_ENV]?.trim();
  if (!text) return DEFAULT_STALL_TIMEOUT_MS;
  const ms = parseGoDurationMs(text);
  if (ms !== undefined && ms > 0 && ms <= MAX_STALL_TIMEOUT_MS) return ms;
  throw new KilnError(`${STALL_TIMEOUT_ENV}="${text}" is not a duration between 1ms and 5m`, {
    code: 'bad-env',
    hint: `write it as a Go duration, e.g. ${STALL_TIMEOUT_ENV}=2m (default ${formatDuration(DEFAULT_STALL_TIMEOUT_MS)})`,
  });
}

export interface StallWatchdog {
  /** Fires on the parent's abort, or when nothing arrived for the stall timeout. */
  readonly signal: AbortSignal;
  /** Something arrived (headers, bytes): the quiet time starts again. */
  touch(): void;
  /** True once the watchdog (not the parent) aborted. */
  stalled(): boolean;
  /** Stops the timer; call in `finally`. */
  dispose(): void;
}

/** `onQuiet(ms)` is called every few seconds of silence with how long it has lasted. */
export function startStallWatchdog(
  parent: AbortSignal,
  timeoutMs: number,
  onQuiet: (quietMs: number) => void,
  now: () => number = Date.now,
): StallWatchdog {
  const controller = new AbortController();
  const noticeEvery = Math.min(MAX_NOTICE_EVERY_MS, timeoutMs / 4);
  let last = now();
  let notices = 0;
  let fired = false;
  const timer = setInterval(
    () => {
      const quiet = now() - last;
      if (quiet >= timeoutMs) {
        fired = true;
        clearInterval(timer);
        controller.abort(new Error(`no data for ${formatDuration(quiet)}`));
        return;
      }
      const due = Math.floor(quiet / noticeEvery);
      if (due > notices) {
        notices = due;
        onQuiet(quiet);
      }
    },
    Math.min(1_000, timeoutMs / 20),
  );
  return {
    signal: AbortSignal.any([parent, controller.signal]),
    touch: () => {
      last = now();
      notices = 0;
    },
    stalled: () => fired,
    dispose: () => clearInterval(timer),
  };
}
