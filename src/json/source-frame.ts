// Offset → line:column conversion and the "offending line with a ^ marker" frame used in syntax errors.

import type { SourcePosition } from './json-value.js';

export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The previous line, the offending line, and a caret under the column (as Packer prints it). */
export function codeFrame(text: string, position: SourcePosition): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const width = String(position.line).length;
  const gutter = (n: number): string => `${String(n).padStart(Math.max(width, 4))}: `;
  const previous = lines[position.line - 2];
  if (previous !== undefined) out.push(`${gutter(position.line - 1)}${previous.replace(/\r$/, '')}`);
  const current = (lines[position.line - 1] ?? '').replace(/\r$/, '');
  out.push(`${gutter(position.line)}${current}`);
  const pad = gutter(position.line).length + position.column - 1;
  out.push(`${' '.repeat(pad)}^`);
  return out.join('\n');
}
