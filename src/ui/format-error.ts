// One renderer for every error a user sees: message, the step it happened in, and what to do next.
import { KilnError, TemplateError } from '../core/errors.js';

export function formatError(error: unknown, options: { debug?: boolean } = {}): string {
  if (!(error instanceof Error)) return String(error);
  const lines: string[] = [];
  const step =
    error instanceof KilnError && error.step && !(error instanceof TemplateError) ? `[${error.step}] ` : '';
  lines.push(`${step}${error.message}`);
  if (error instanceof KilnError && error.hint) lines.push(`hint: ${error.hint}`);
  // Anything that is not a KilnError is a bug in Kiln: show where it happened.
  if (!(error instanceof KilnError) || options.debug) lines.push(error.stack ?? '');
  // A system error the runner wrapped keeps its own stack in `cause`.
  if (options.debug && error instanceof KilnError && error.cause instanceof Error)
    lines.push(`caused by: ${error.cause.stack ?? error.cause.message}`);
  return lines.filter(Boolean).join('\n');
}
