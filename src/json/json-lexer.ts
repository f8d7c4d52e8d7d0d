// JSON tokenizer that keeps offsets: strict RFC 8259 for `.json` (as Go's encoding/json), lenient for `.json5`.

import { JSON_ESCAPES } from '../core/json-escapes.js';

export type JsonTokenKind = 'punct' | 'string' | 'number' | 'literal' | 'ident' | 'eof';

export interface JsonToken {
  readonly kind: JsonTokenKind;
  /** Decoded value: string contents, number, true/false/null, or the punctuation character. */
  readonly value: string | number | boolean | null;
  readonly start: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const STRICT_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LENIENT_NUMBER = /[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/y;

export function createJsonLexer(text: string, lenient: boolean): () => JsonToken {
  let pos = 0;

  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
      else if (lenient && (c === '\v' || c === '\f' || c === '\u00a0' || c === '\ufeff' || c === '\u2028'))
        pos++;
      else if (lenient && text.startsWith('//', pos)) pos = endOf(text.indexOf('\n', pos));
      else if (lenient && text.startsWith('/*', pos)) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0) throw new JsonSyntaxError('unterminated comment', pos);
        pos = close + 2;
      } else break;
    }
  };
  const endOf = (index: number): number => (index < 0 ? text.length : index);

  const readString = (quote: string): JsonToken => {
    const start = pos;
    const quoteCode = quote.charCodeAt(0);
    pos++;
    // Plain runs are sliced, not appended character by character: a 10 MB value stays fast.
    let out = '';
    let run = pos;
    for (;;) {
      if (pos >= text.length) throw new JsonSyntaxError('unexpected end of input in string literal', pos);
      const code = text.charCodeAt(pos);
      if (code === quoteCode) {
        out += text.slice(run, pos);
        pos++;
        return { kind: 'string', value: out, start };
      }
      if (code === 92) {
        out += text.slice(run, pos);
        out += readEscape();
        run = pos;
        continue;
      }
      if (!lenient && code < 0x20) {
        throw new JsonSyntaxError(`invalid character ${JSON.stringify(text[pos])} in string literal`, pos);
      }
      pos++;
    }
  };

  const readEscape = (): string => {
    const at = pos;
    const e = text[pos + 1];
    pos += 2;
    if (e === undefined) throw new JsonSyntaxError('unexpected end of input in string escape code', at);
    if (e === 'u') {
      const hex = text.slice(pos, pos + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\u escape in string', at);
      pos += 4;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const simple = JSON_ESCAPES[e];
    if (simple !== undefined) return simple;
    if (!lenient) {
      throw new JsonSyntaxError(
        `invalid character '${e}' in string escape code (write "\\\\${e}" for a literal backslash)`,
        at + 1,
      );
    }
    if (e === '\n') return '';
    if (e === '\r') {
      if (text[pos] === '\n') pos++;
      return '';
    }
    return { v: '\v', '0': '\0' }[e] ?? e;
  };

  const match = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const m = re.exec(text);
    return m ? m[0] : undefined;
  };

  return (): JsonToken => {
    skipSpace();
    const start = pos;
    const c = text[pos];
    if (c === undefined) return { kind: 'eof', value: null, start };
    if ('{}[]:,'.includes(c)) {
      pos++;
      return { kind: 'punct', value: c, start };
    }
    if (c === '"' || (lenient && c === "'")) return readString(c);
    const num = match(lenient ? LENIENT_NUMBER : STRICT_NUMBER);
    if (num) {
      pos += num.length;
      return { kind: 'number', value: Number(num), start };
    }
    const word = match(IDENT);
    if (word) {
      pos += word.length;
      if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', start };
      if (word === 'null') return { kind: 'literal', value: null, start };
      if (lenient) return { kind: 'ident', value: word, start };
    }
    throw new JsonSyntaxError(`invalid character ${JSON.stringify(c)} looking for beginning of value`, start);
  };
}
