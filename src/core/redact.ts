// The one redaction path: every text Kiln shows (UI lines, machine-readable fields, errors, console and
// inspect output, and later debug logs) goes through a Redactor built from the `sensitive-variables` values.

/** Text in, the same text with every sensitive value replaced by `<sensitive>` out. */
export type Redactor = (text: string) => string;

export const SENSITIVE_PLACEHOLDER = '<sensitive>';

/**
 * Replaces every occurrence of each non-empty value with `<sensitive>`, in one pass: longer values first (so
 * a secret that contains another is hidden whole) and never inside a placeholder it just wrote. The forms
 * Kiln itself writes a value in are covered too: JSON-quoted in template errors, percent-encoded in the HTTP
 * request log.
 */
export function createRedactor(values: readonly string[]): Redactor {
  const forms = values.filter((value) => value.length > 0).flatMap(writtenForms);
  const secrets = [...new Set(forms)].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  const pattern = new RegExp(secrets.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, SENSITIVE_PLACEHOLDER);
}

/** The value as written, JSON-quoted (without the quotes) and percent-encoded (two ways). */
function writtenForms(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), encodeURI(value)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
