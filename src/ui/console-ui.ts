// The UI users see: Packer-style "==> build: message" lines, each build in its own colour; on a terminal a
// live status line per build (step, elapsed, progress bar), in CI plain timestamped lines; every line
// passes through the sensitive-value redactor.
import { formatBytes, formatDuration } from '../core/format.js';
import type { Redactor } from '../core/redact.js';
import type { Progress, Ui } from '../core/ui.js';
import type { LiveView } from './live-view.js';

export interface ConsoleUiOptions {
  out: NodeJS.WritableStream;
  /** On a terminal outside CI: status lines and progress bars are redrawn in place. */
  live: LiveView | undefined;
  /** Prefix each line with an RFC 3339 timestamp (always in CI, or -timestamp-ui). */
  timestamps: boolean;
  /** ANSI colour code for this build's headlines, or undefined for no colour. */
  color: string | undefined;
  /** Build name shown after the arrow; empty for global lines. */
  target: string;
  redact: Redactor;
  now?: () => Date;
}

const PLAIN_PROGRESS_EVERY_MS = 5_000;
const RED = '31';

export function createConsoleUi(options: ConsoleUiOptions): Ui {
  const now = options.now ?? (() => new Date());
  const prefix = options.target ? `${options.target}: ` : '';
  // The live status lines bypass write(): their build name is redacted here.
  const liveName = options.redact(options.target || 'kiln');
  const write = (text: string, style?: string) => {
    const stamp = options.timestamps ? `${now().toISOString()} ` : '';
    const paint = (line: string) =>
      style && options.color !== undefined ? `\x1b[${style}m${line}\x1b[0m` : line;
    const lines = options
      .redact(text)
      .split('\n')
      .map((line) => `${stamp}${paint(line)}\n`);
    if (options.live) options.live.write(lines.join(''));
    else for (const line of lines) options.out.write(line);
  };
  const headline = options.color ? `1;${options.color}` : '1';
  return {
    say: (message) => write(`==> ${prefix}${message}`, headline),
    message: (message) => write(`    ${prefix}${message}`, options.color),
    error: (message) => write(`==> ${prefix}${message}`, RED),
    status: (step) => options.live?.update(liveName, { step }),
    progress: (text, total, unit = 'bytes') => {
      // The live view draws the label itself, past write(): redact it here (an ISO URL may hold a token).
      const label = options.redact(text);
      const format = unit === 'bytes' ? formatBytes : (n: number) => `${Math.floor(n)}%`;
      const { live } = options;
      if (!live) return plainProgress(write, `${prefix}${label}`, total, now, format);
      return {
        update: (done) => live.update(liveName, { progress: { label, done, total, format } }),
        done: () => {
          live.update(liveName, { progress: undefined });
          write(`    ${prefix}${label}: done, ${format(total ?? 0)}`);
        },
      };
    },
  };
}

function plainProgress(
  write: (text: string) => void,
  label: string,
  total: number | undefined,
  now: () => Date,
  format: (n: number) => string,
): Progress {
  const started = now().getTime();
  let lastPrinted = started;
  let current = 0;
  return {
    update: (done) => {
      current = done;
      const t = now().getTime();
      if (t - lastPrinted < PLAIN_PROGRESS_EVERY_MS) return;
      lastPrinted = t;
      const of = total ? `${percent(done, total)} ${format(done)} of ${format(total)}` : format(done);
      write(`    ${label}: ${of}`);
    },
    done: () =>
      write(
        `    ${label}: done, ${format(total ?? current)} in ${formatDuration(now().getTime() - started)}`,
      ),
  };
}

function percent(done: number, total: number): string {
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}
