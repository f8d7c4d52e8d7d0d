// The UI users see: Packer-style "==> build: message" lines; a live progress bar on a TTY, plain
// timestamped lines in CI; every line passes through the sensitive-value redactor.

import { formatDuration } from '../core/errors.js';
import type { Progress, Ui } from '../core/ui.js';

export interface ConsoleUiOptions {
  out: NodeJS.WritableStream;
  /** Live redraws (progress bars) only on a TTY outside CI. */
  interactive: boolean;
  /** Prefix each line with an RFC 3339 timestamp (always in CI, or -timestamp-ui). */
  timestamps: boolean;
  color: boolean;
  /** Build name shown after the arrow; empty for global lines. */
  target: string;
  redact: (text: string) => string;
  now?: () => Date;
}

const PLAIN_PROGRESS_EVERY_MS = 5_000;

export function createConsoleUi(options: ConsoleUiOptions): Ui {
  const now = options.now ?? (() => new Date());
  const paint = (code: string, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const prefix = options.target ? `${options.target}: ` : '';
  const write = (text: string, style?: string) => {
    const stamp = options.timestamps ? `${now().toISOString()} ` : '';
    for (const line of options.redact(text).split('\n')) {
      options.out.write(`${stamp}${style ? paint(style, line) : line}\n`);
    }
  };
  return {
    say: (message) => write(`==> ${prefix}${message}`, '1'),
    message: (message) => write(`    ${prefix}${message}`),
    error: (message) => write(`==> ${prefix}${message}`, '31'),
    progress: (label, total, unit = 'bytes') => {
      const format = unit === 'bytes' ? formatBytes : (n: number) => `${Math.floor(n)}%`;
      return options.interactive
        ? barProgress(options.out, `${prefix}${label}`, total, format)
        : plainProgress(write, `${prefix}${label}`, total, now, format);
    },
  };
}

function barProgress(
  out: NodeJS.WritableStream,
  label: string,
  total: number | undefined,
  format: (n: number) => string,
): Progress {
  const started = Date.now();
  let last = 0;
  const draw = (done: number, final = false) => {
    const elapsed = formatDuration(Date.now() - started);
    const text = total
      ? `${bar(done / total)} ${percent(done, total)} ${format(done)}/${format(total)}`
      : format(done);
    out.write(`\r\x1b[2K    ${label}: ${text} ${elapsed}${final ? '\n' : ''}`);
  };
  return {
    update: (done) => {
      if (Date.now() - last < 100) return;
      last = Date.now();
      draw(done);
    },
    done: () => draw(total ?? 0, true),
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
      write(
        `    ${label}: ${total ? `${percent(done, total)} ` : ''}${format(done)}${total ? ` of ${format(total)}` : ''}`,
      );
    },
    done: () =>
      write(
        `    ${label}: done, ${format(total ?? current)} in ${formatDuration(now().getTime() - started)}`,
      ),
  };
}

function bar(fraction: number, width = 30): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

function percent(done: number, total: number): string {
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Replaces every occurrence of each sensitive value with <sensitive>. */
export function createRedactor(values: readonly string[]): (text: string) => string {
  const secrets = values.filter((value) => value.length > 0).sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('<sensitive>'), text);
}
