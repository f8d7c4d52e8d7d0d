// Typed errors: every failure a user can cause carries what they need to fix it.

import { abbreviate } from './abbreviate.js';
import { formatDuration } from './format.js';

export interface KilnErrorOptions {
  /** Stable machine-readable code, e.g. 'checksum-mismatch'. */
  code: string;
  /** What to do next, shown under the message. */
  hint?: string;
  cause?: unknown;
}

export class KilnError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /** Set by the step runner when the error escapes a step. */
  step: string | undefined;

  constructor(message: string, options: KilnErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.hint = options.hint;
  }
}

/** Where in a template file a problem sits. */
export interface TemplateLocation {
  file: string;
  line?: number;
  column?: number;
  /** Dotted key path, e.g. builders[0].disk_size */
  key?: string;
}

export class TemplateError extends KilnError {
  readonly location: TemplateLocation;
  readonly problems: readonly string[];

  constructor(location: TemplateLocation, problems: readonly string[], options?: Partial<KilnErrorOptions>) {
    super(formatTemplateProblems(location, problems), { code: 'template', ...options });
    this.location = location;
    this.problems = problems;
  }
}

function formatTemplateProblems(location: TemplateLocation, problems: readonly string[]): string {
  const where = [location.file, location.line, location.column]
    .filter((part) => part !== undefined)
    .join(':');
  const key = location.key ? ` (${abbreviate(location.key, 200)})` : '';
  if (problems.length === 1) return `${where}${key}: ${problems[0]}`;
  return `${where}${key}: ${problems.length} errors occurred:\n${problems.map((p) => `  * ${p}`).join('\n')}`;
}

/** A "wait for X up to T" that ran out; carries the last underlying cause. */
export class WaitTimeoutError extends KilnError {
  constructor(what: string, timeoutMs: number, lastCause: string | undefined, hint?: string) {
    const last = lastCause ? `; last error: ${lastCause}` : '';
    super(`timed out after ${formatDuration(timeoutMs)} waiting for ${what}${last}`, {
      code: 'timeout',
      ...(hint === undefined ? {} : { hint }),
    });
  }
}

/** The build was cancelled (Ctrl-C, SIGTERM, or a parent signal). */
export class CancelledError extends KilnError {
  constructor(reason = 'build cancelled') {
    super(reason, { code: 'cancelled' });
  }
}

export function isCancelled(error: unknown): boolean {
  return (
    error instanceof CancelledError ||
    (error instanceof Error && error.name === 'AbortError') ||
    (error instanceof KilnError && error.code === 'cancelled')
  );
}

/** Turns an aborted signal's reason into a CancelledError so callers see one type. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof KilnError ? signal.reason : new CancelledError();
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
