// Fans one byte-count stream out to the caller's callback and the Ui's progress display, one phase at a time.
import type { Progress, Ui } from '../core/ui.js';
import type { ProgressCallback } from './digest.js';

export interface PhaseProgress {
  report: ProgressCallback;
  /** Ends the Ui progress display, if one was started. */
  finish(): void;
}

export function phaseProgress(
  label: string,
  ui: Ui | undefined,
  callback: ProgressCallback | undefined,
): PhaseProgress {
  let display: Progress | undefined;
  return {
    report: (done, total) => {
      callback?.(done, total);
      if (ui === undefined) return;
      // Created on the first chunk: only then is the total (Content-Length) known.
      display ??= ui.progress(label, total);
      display.update(done);
    },
    finish: () => display?.done(),
  };
}
