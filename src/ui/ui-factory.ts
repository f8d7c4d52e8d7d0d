// Creates one Ui per build (its name and colour in every line) from the CLI's output settings.
import { createRedactor } from '../core/redact.js';
import type { Ui } from '../core/ui.js';
import { createConsoleUi } from './console-ui.js';
import { createLiveView } from './live-view.js';

/** `target` is the build name ('' for run-wide lines); `sensitive` are values to redact. */
export type UiFactory = (target: string, sensitive: readonly string[]) => Ui;

export interface OutputSettings {
  out: NodeJS.WritableStream;
  /** A terminal outside CI: live status lines and progress bars. */
  interactive: boolean;
  timestamps: boolean;
  color: boolean;
}

export interface ConsoleOutput {
  createUi: UiFactory;
  /** Removes the live status lines at the end of the command. */
  close(): void;
}

// Packer's build colours, in its order (green, cyan, magenta, yellow, blue).
const BUILD_COLORS = ['32', '36', '35', '33', '34'];

export function consoleOutput(settings: OutputSettings): ConsoleOutput {
  const live = settings.interactive ? createLiveView(settings.out) : undefined;
  const colors = new Map<string, string>();
  const colorOf = (target: string): string | undefined => {
    if (!settings.color || !target) return undefined;
    if (!colors.has(target)) colors.set(target, BUILD_COLORS[colors.size % BUILD_COLORS.length] as string);
    return colors.get(target);
  };
  return {
    createUi: (target, sensitive) =>
      createConsoleUi({
        out: settings.out,
        live,
        timestamps: settings.timestamps,
        color: colorOf(target),
        target,
        redact: createRedactor(sensitive),
      }),
    close: () => live?.close(),
  };
}
