// The debug log (KILN_LOG / PACKER_LOG): what Kiln did, line by line, for whoever must find out why a build
// failed. One log per build, handed down through the build context (no global logger). Every line is redacted,
// stamped as Packer's log is ("2006/01/02 15:04:05 [DEBUG] ..."), kept in a ring of the last lines, which a
// failed build saves even when logging is off, and written to the sink when logging is on.
import type { Redactor } from './redact.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The same log with `scope: ` before each message: "[DEBUG] qemu: qmp: -> {...}". */
  scoped(scope: string): Logger;
}

export interface BuildLog extends Logger {
  /** The last lines (at most `tailLines`), oldest first, as written. */
  tail(): string[];
}

/** Where lines go when logging is on; `fromUi` marks the copies of UI output (stderr leaves them out). */
export interface LogSink {
  write(line: string, fromUi: boolean): void;
}

/** Lines a failed build saves from its log. */
export const DEBUG_LOG_TAIL_LINES = 200;

/** The scope of the copies of UI lines (Packer logs them as "ui: ..." and "ui error: ..."). */
export const UI_SCOPES: readonly string[] = ['ui', 'ui error'];

export interface BuildLogOptions {
  redact: Redactor;
  /** Unset when logging is off: only the ring is kept. */
  sink?: LogSink | undefined;
  /** Before every message, e.g. the build name; '' for none. */
  prefix?: string;
  tailLines?: number;
  now?: () => Date;
}

export function createBuildLog(options: BuildLogOptions): BuildLog {
  const { redact, sink } = options;
  const now = options.now ?? (() => new Date());
  const size = options.tailLines ?? DEBUG_LOG_TAIL_LINES;
  const ring: string[] = [];
  let next = 0;
  const keep = (line: string) => {
    if (ring.length < size) ring.push(line);
    else ring[next] = line;
    next = (next + 1) % size;
  };
  const write = (level: LogLevel, scopes: readonly string[], message: string) => {
    const head = `${formatLogTime(now())} [${level}] ${scopes.map((s) => `${s}: `).join('')}`;
    const fromUi = UI_SCOPES.includes(scopes.at(-1) ?? '');
    // Redacted whole, before it is split: a secret that spans a line break is still one match.
    for (const text of redact(message).split('\n')) {
      const line = `${head}${text}`.trimEnd();
      keep(line);
      sink?.write(line, fromUi);
    }
  };
  const logger = (scopes: readonly string[]): Logger => ({
    debug: (message) => write('DEBUG', scopes, message),
    info: (message) => write('INFO', scopes, message),
    warn: (message) => write('WARN', scopes, message),
    error: (message) => write('ERROR', scopes, message),
    scoped: (scope) => logger([...scopes, scope]),
  });
  return {
    ...logger(options.prefix ? [options.prefix] : []),
    tail: () => (ring.length < size ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)]),
  };
}

/** Go's log.LstdFlags time, in local time as Go's log writes it: "2006/01/02 15:04:05". */
export function formatLogTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}/${two(date.getMonth() + 1)}/${two(date.getDate())}`;
  return `${day} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** A log that keeps nothing, for code run outside a build (tests, probes). */
export const SILENT_LOG: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  scoped: () => SILENT_LOG,
};
