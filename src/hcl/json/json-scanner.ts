// Tokens of HCL's JSON syntax (hcl's json scanner): punctuation, strings, numbers and keywords, where anything
// keyword-like (`True`, `undefined`) is one token so the parser can name it in its message.

export type JsonTokenType =
  | '{'
  | '}'
  | '['
  | ']'
  | ','
  | ':'
  | '='
  | 'string'
  | 'number'
  | 'keyword'
  | 'invalid'
  | 'eof';

export interface JsonToken {
  readonly type: JsonTokenType;
  /** String indices into the file's text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION = new Set(['{', '}', '[', ']', ',', ':', '=']);
const NUMBER = /-?[0-9+\-.eE]*/y;
const KEYWORD = /[A-Za-z_][A-Za-z0-9_]*/y;

export function scanJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const sticky = (pattern: RegExp): number => {
    pattern.lastIndex = pos;
    return pos + (pattern.exec(text)?.[0].length ?? 0);
  };
  for (;;) {
    while (pos < text.length && ' \t\r\n'.includes(text[pos] as string)) pos++;
    if (pos >= text.length) break;
    const c = text[pos] as string;
    let end: number;
    let type: JsonTokenType;
    if (PUNCTUATION.has(c)) [type, end] = [c as JsonTokenType, pos + 1];
    else if (c === '"') [type, end] = ['string', stringEnd(text, pos)];
    else if (c === '-' || (c >= '0' && c <= '9')) [type, end] = ['number', sticky(NUMBER)];
    else if (/[A-Za-z_]/.test(c)) [type, end] = ['keyword', sticky(KEYWORD)];
    else {
      // As hcl: nothing past an invalid character is scanned.
      tokens.push({ type: 'invalid', start: pos, end: pos + 1 });
      pos++;
      break;
    }
    tokens.push({ type, start: pos, end });
    pos = end;
  }
  tokens.push({ type: 'eof', start: pos, end: pos });
  return tokens;
}

/** After the closing quote, or at the end of the line when there is none (the string is then invalid). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c === '\n') return i;
    i += c === '\\' ? 2 : 1;
  }
  return text.length;
}
