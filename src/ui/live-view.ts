// The live view on a terminal: log lines scroll as usual, and under them one status line per build
// (current step, time since it started, and a progress bar while something long runs).
import { formatDuration } from '../core/format.js';

export interface BuildStatus {
  step?: string;
  progress?:
    | { label: string; done: number; total: number | undefined; format: (n: number) => string }
    | undefined;
}

export interface LiveView {
  /** Prints log lines above the status lines. */
  write(lines: string): void;
  update(build: string, patch: BuildStatus): void;
  /** Removes the status lines; idempotent. */
  close(): void;
}

const REDRAW_MS = 100;

export function createLiveView(out: NodeJS.WritableStream, now: () => number = Date.now): LiveView {
  const builds = new Map<string, BuildStatus & { since: number }>();
  let drawn = 0;
  let lastDraw = 0;
  let closed = false;
  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (closed) return;
    const lines = [...builds].map(([name, status]) => statusLine(name, status, now()));
    if (lines.length) out.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
    lastDraw = now();
  };
  // Keeps the elapsed times moving while nothing else is printed.
  const ticker = setInterval(() => {
    clear();
    draw();
  }, 1_000);
  ticker.unref();
  return {
    write(lines) {
      if (closed) return void out.write(lines);
      clear();
      out.write(lines);
      draw();
    },
    update(build, patch) {
      const current = builds.get(build) ?? { since: now() };
      const stepChanged = patch.step !== undefined && patch.step !== current.step;
      builds.set(build, { ...current, ...patch, ...(stepChanged ? { since: now() } : {}) });
      if (!stepChanged && now() - lastDraw < REDRAW_MS) return;
      clear();
      draw();
    },
    close() {
      if (closed) return;
      clearInterval(ticker);
      clear();
      closed = true;
    },
  };
}

function statusLine(name: string, status: BuildStatus & { since: number }, at: number): string {
  const head = `    [${name}] ${status.step ?? 'starting'} (${formatDuration(at - status.since)})`;
  const p = status.progress;
  if (!p) return head;
  if (!p.total) return `${head} ${p.label}: ${p.format(p.done)}`;
  const fraction = Math.min(1, p.done / p.total);
  const width = 24;
  const filled = Math.round(fraction * width);
  return `${head} ${p.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}%`;
}
