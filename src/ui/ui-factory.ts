// Creates one Ui per build (its name in every line) from the CLI's output settings.
import type { Ui } from '../core/ui.js';
import { createConsoleUi, createRedactor } from './console-ui.js';

/** `target` is the build name ('' for run-wide lines); `sensitive` are values to redact. */
export type UiFactory = (target: string, sensitive: readonly string[]) => Ui;

export interface OutputSettings {
  out: NodeJS.WritableStream;
  /** A TTY outside CI: live progress bars. */
  interactive: boolean;
  timestamps: boolean;
  color: boolean;
}

export function consoleUiFactory(settings: OutputSettings): UiFactory {
  return (target, sensitive) =>
    createConsoleUi({
      out: settings.out,
      interactive: settings.interactive,
      timestamps: settings.timestamps,
      color: settings.color,
      target,
      redact: createRedactor(sensitive),
    });
}
