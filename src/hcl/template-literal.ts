// Template literal text: escapes (`\n`, `\u00e9`, `$${` → `${`), strip markers (`~`) and `<<-` indentation.

import type { SourceRange } from './source-range.js';

export interface FlatLiteral {
  kind: 'Literal';
  value: string;
  range: SourceRange;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Decodes one literal token; `fail` reports a bad escape at its index within `raw`. */
export function decodeLiteral(
  raw: string,
  quoted: boolean,
  fail: (index: number, message: string) => never,
): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else if (quoted && c === '\\') {
      const selector = raw[i + 1] ?? '';
      const simple = ESCAPES[selector];
      if (simple !== undefined) {
        out += simple;
        i++;
        continue;
      }
      const digits = selector === 'u' ? 4 : selector === 'U' ? 8 : 0;
      const hex = raw.slice(i + 2, i + 2 + digits);
      if (digits === 0)
        fail(i, `The symbol ${JSON.stringify(selector)} is not a valid escape sequence selector.`);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits)
        fail(i, `The \\${selector} escape sequence must be followed by ${digits} hexadecimal digits.`);
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        fail(i, `Cannot encode character U+${hex.toUpperCase()} in UTF-8: it is not a Unicode scalar value.`);
      out += String.fromCodePoint(code);
      i += 1 + digits;
    } else out += c;
  }
  return out;
}

/** `<<-`: removes the smallest indentation of the non-blank lines from every line (hclsyntax's flushHeredoc). */
export function flushHeredoc(parts: readonly ({ kind: string } | FlatLiteral)[]): void {
  let fewest = Number.POSITIVE_INFINITY;
  const lineStarts: FlatLiteral[] = [];
  let atLineStart = true;
  for (const part of parts) {
    if (atLineStart) {
      atLineStart = false;
      if (isLiteral(part)) {
        const indent = part.value.length - part.value.trimStart().length;
        const blank = part.value.trimStart() === '' && part.value.endsWith('\n');
        if (!blank) {
          fewest = Math.min(fewest, [...part.value.slice(0, indent)].length);
          lineStarts.push(part);
        }
      } else fewest = 0;
    }
    if (isLiteral(part) && part.value.endsWith('\n')) atLineStart = true;
  }
  if (!Number.isFinite(fewest)) return;
  for (const part of lineStarts) part.value = [...part.value].slice(fewest).join('');
}

function isLiteral(part: { kind: string }): part is FlatLiteral {
  return part.kind === 'Literal';
}
