// The one redaction path: every text Kiln shows (UI lines, machine-readable fields, errors, console and
// inspect output, and later debug logs) goes through a Redactor built from the `sensitive-variables` values.

/** Text in, the same text with every sensitive value replaced by `<sensitive>` out. */
export type Redactor = (text: string) => string;

export const SENSITIVE_PLACEHOLDER = '<sensitive>';

/**
 * Replaces every occurrence of each non-empty value with `<sensitive>`, in one pass: longer values first (so
 * a secret that contains another is hidden whole) and never inside a placeholder it just wrote.
 */
export function createRedactor(values: readonly string[]): Redactor {
  const secrets = [...new Set(values.filter((value) => value.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (secrets.length === 0) return (text) => text;
  const pattern = new RegExp(secrets.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, SENSITIVE_PLACEHOLDER);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
