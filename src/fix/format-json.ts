// Writes a fixed template back as JSON in the source's own layout: original key order, indentation and newline style.

import type { JsonValue } from '../json/json-value.js';

export interface JsonLayout {
  /** One indentation step as found in the source ("  ", "    " or "\t"). */
  readonly indent: string;
  readonly newline: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

/** Detects the indentation step from the first indented line (2 spaces when there is none). */
export function detectLayout(text: string): JsonLayout {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text
    .split(/\r?\n/)
    .map((line) => /^([ \t]+)["{[\]}\d-]/.exec(line)?.[1])
    .filter((i): i is string => i !== undefined && i.length > 0);
  let indent = '  ';
  const tab = indents.find((i) => i.startsWith('\t'));
  if (tab !== undefined) indent = '\t';
  else if (indents.length > 0) indent = ' '.repeat(Math.min(...indents.map((i) => i.length)));
  return { indent, newline, finalNewline: /\n$/.test(text) };
}

export function formatJson(value: JsonValue, layout: JsonLayout): string {
  const body = JSON.stringify(value, null, layout.indent).replace(/\n/g, layout.newline);
  return layout.finalNewline ? `${body}${layout.newline}` : body;
}
