// HCL literals as hclwrite's TokensForValue writes them (Packer's hcl2_upgrade builds its output with it):
// quoted strings with `${`/`%{` doubled, numbers without exponent, tuples, objects with one attribute a line.

import { isJsonObject, type JsonValue } from '../json/json-value.js';

/** hclsyntax.ValidIdentifier: an ID_Start letter or `_`, then ID_Continue characters or `-`. */
export function isHclIdentifier(name: string): boolean {
  return /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u.test(name);
}

/** hclwrite's escapeQuotedStringLit, quotes included. */
export function hclString(text: string): string {
  let out = '';
  const chars = [...text];
  for (const [i, char] of chars.entries()) {
    if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '$' || char === '%') out += chars[i + 1] === '{' ? char + char : char;
    else if (isGoPrintable(char)) out += char;
    else {
      const code = char.codePointAt(0) ?? 0;
      out += code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    }
  }
  return `"${out}"`;
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isGoPrintable(char: string): boolean {
  return char === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(char);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** big.Float.Text('f', -1) of a float64: the shortest round-tripping digits, never an exponent. */
export function hclNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', rest = '', exponentText = '0'] = match;
  const digits = lead + rest;
  const exponent = Number(exponentText);
  if (exponent >= 0) return sign + digits.padEnd(exponent + 1, '0');
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

/** A JSON value as an HCL expression (hcl2shim.HCL2ValueFromConfigValue, then TokensForValue). */
export function hclValue(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number') return hclNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(hclValue).join(', ')}]`;
  if (!isJsonObject(value)) return 'null';
  const keys = Object.keys(value).sort(byteOrder);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => {
    const name = isHclIdentifier(key) ? key : hclString(key);
    return `${name} = ${hclValue(value[key] ?? null)}\n`;
  });
  return `{\n${lines.join('')}}`;
}

/** Go's sort.Strings order (bytes of UTF-8, which is code-point order). */
export function byteOrder(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
