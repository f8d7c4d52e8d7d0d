// Tokenizer for the inside of one `{{ … }}` action, following Go text/template's lexical rules.

export type TokenKind =
  | 'field'
  | 'dot'
  | 'identifier'
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'variable'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'lparen'
  | 'rparen'
  | 'space';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  /** Decoded string contents, or the numeric value. */
  readonly value?: string | number;
  readonly isFloat?: boolean;
}

export interface LexedAction {
  readonly tokens: readonly Token[];
  /** Offset just past the closing `}}`. */
  readonly end: number;
  readonly trimRight: boolean;
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER =
  /[+-]?(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /[ \t\r\n]+/y;
const GO_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function sticky(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/** Lexes from `pos` (just after `{{` and any `- ` trim marker) up to and including the closing delimiter. */
export function lexAction(text: string, pos: number): LexedAction {
  const tokens: Token[] = [];
  let i = pos;
  for (;;) {
    if (i >= text.length) throw new LexError('unclosed action (missing "}}")', pos);
    const space = sticky(SPACE, text, i);
    if (space !== undefined) {
      if (text.startsWith('-}}', i + space.length))
        return { tokens, end: i + space.length + 3, trimRight: true };
      tokens.push({ kind: 'space', text: space, start: i });
      i += space.length;
      continue;
    }
    if (text.startsWith('}}', i)) return { tokens, end: i + 2, trimRight: false };
    const token = lexToken(text, i);
    tokens.push(token);
    i += token.text.length;
  }
}

function lexToken(text: string, i: number): Token {
  const c = text[i] as string;
  if (c === '|') return { kind: 'pipe', text: c, start: i };
  if (c === '(') return { kind: 'lparen', text: c, start: i };
  if (c === ')') return { kind: 'rparen', text: c, start: i };
  if (c === '"') return lexQuoted(text, i);
  if (c === '`') {
    const close = text.indexOf('`', i + 1);
    if (close < 0) throw new LexError('unterminated raw quoted string', i);
    return { kind: 'string', text: text.slice(i, close + 1), start: i, value: text.slice(i + 1, close) };
  }
  if (c === "'") return lexChar(text, i);
  if (c === '.' && !/\d/.test(text[i + 1] ?? '')) {
    const name = sticky(IDENT, text, i + 1);
    if (name === undefined) return { kind: 'dot', text: '.', start: i };
    return { kind: 'field', text: `.${name}`, start: i, value: name };
  }
  if (c === '$') {
    const name = sticky(IDENT, text, i + 1) ?? '';
    return { kind: 'variable', text: `$${name}`, start: i, value: `$${name}` };
  }
  if (text.startsWith(':=', i)) return { kind: 'declare', text: ':=', start: i };
  if (c === '=') return { kind: 'assign', text: c, start: i };
  if (c === ',') return { kind: 'comma', text: c, start: i };
  const number = sticky(NUMBER, text, i);
  if (number !== undefined) return { kind: 'number', text: number, start: i, ...parseGoNumber(number, i) };
  const word = sticky(IDENT, text, i);
  if (word !== undefined) {
    if (word === 'true' || word === 'false') return { kind: 'bool', text: word, start: i };
    if (word === 'nil') return { kind: 'nil', text: word, start: i };
    return { kind: 'identifier', text: word, start: i };
  }
  throw new LexError(`unexpected character ${JSON.stringify(c)}`, i);
}

function parseGoNumber(literal: string, at: number): { value: number; isFloat: boolean } {
  const clean = literal.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  let value: number;
  let isFloat = false;
  if (/^0[xX]/.test(body)) value = Number.parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) value = Number.parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) value = Number.parseInt(body.slice(2), 8);
  else if (/^0\d+$/.test(body)) value = Number.parseInt(body.slice(1), 8);
  else {
    value = Number(body);
    isFloat = /[.eE]/.test(body);
  }
  if (Number.isNaN(value)) throw new LexError(`bad number syntax: ${literal}`, at);
  if (!isFloat) checkIntegerRange(literal, body, sign, at);
  else if (!Number.isFinite(value)) throw new LexError(`illegal number syntax: "${literal}"`, at);
  return { value: sign * value, isFloat };
}

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Go's limits for an integer literal: past uint64 it does not parse ("integer overflow"), past int64 it cannot be
 * an int ("overflows int"). Kiln computes with float64, exact only to 2^53: beyond that it refuses, never rounds.
 */
function checkIntegerRange(literal: string, body: string, sign: number, at: number): void {
  const digits = /^0\d+$/.test(body) ? `0o${body.slice(1)}` : body;
  const magnitude = BigInt(digits.replace(/_/g, ''));
  const signed = sign < 0 ? -magnitude : magnitude;
  if (magnitude > UINT64_MAX) throw new LexError(`integer overflow: "${literal}"`, at);
  if (signed > INT64_MAX || signed < -INT64_MAX - 1n) throw new LexError(`${literal} overflows int`, at);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER))
    throw new LexError(`${literal} is beyond 2^53, the largest integer Kiln's templates compute exactly`, at);
}

function lexQuoted(text: string, start: number): Token {
  let out = '';
  let i = start + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined || c === '\n') throw new LexError('unterminated quoted string', start);
    if (c === '"') return { kind: 'string', text: text.slice(start, i + 1), start, value: out };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const [decoded, length] = decodeEscape(text, i);
    out += decoded;
    i += length;
  }
}

function lexChar(text: string, start: number): Token {
  const close = text.indexOf("'", start + 2);
  if (close < 0) throw new LexError('unterminated character constant', start);
  const inner = text.slice(start + 1, close);
  const decoded = inner.startsWith('\\') ? decodeEscape(inner, 0)[0] : inner;
  const code = decoded.codePointAt(0);
  if (code === undefined || [...decoded].length !== 1)
    throw new LexError('malformed character constant', start);
  return { kind: 'number', text: text.slice(start, close + 1), start, value: code, isFloat: false };
}

/** Decodes one Go escape sequence at `i` (a backslash); returns the text and the length consumed. */
function decodeEscape(text: string, i: number): [string, number] {
  const e = text[i + 1] ?? '';
  const simple = GO_ESCAPES[e];
  if (simple !== undefined) return [simple, 2];
  const hexLength = { x: 2, u: 4, U: 8 }[e];
  if (hexLength !== undefined) {
    const hex = text.slice(i + 2, i + 2 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) throw new LexError(`invalid escape \\${e}`, i);
    return [String.fromCodePoint(Number.parseInt(hex, 16)), 2 + hexLength];
  }
  const octal = text.slice(i + 1, i + 4);
  if (/^[0-7]{3}$/.test(octal)) return [String.fromCharCode(Number.parseInt(octal, 8)), 4];
  throw new LexError(`unknown escape sequence \\${e}`, i);
}
