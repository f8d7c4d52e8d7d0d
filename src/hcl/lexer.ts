// HCL native-syntax scanner: the same token stream as hclsyntax's scan_tokens.rl (modes for expressions, quoted
// templates and heredocs; `${`/`%{` nest back into expressions), so hclwrite's formatting rules port unchanged.

import { MULTI_CHAR_TOKENS, SELF_TOKENS, type Token, type TokenType } from './tokens.js';

const NUMBER = /[0-9](?:(?:[0-9]|\.|[eE][+-]?[0-9])*(?:[0-9]|[eE][+-]?[0-9]))?/y;
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const HEREDOC_START = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;

type Frame =
  | { readonly kind: 'expression' }
  | { readonly kind: 'quoted' }
  | { readonly kind: 'heredoc'; readonly marker: string; startOfLine: boolean }
  /** A standalone template (hclsyntax.ParseTemplate, a JSON string): literal text up to the end of input. */
  | { readonly kind: 'template' };

/** Scans `text` into tokens ending with EOF. Never throws: what it cannot read becomes an Invalid token. */
export function lexHcl(text: string): Token[] {
  return new Scanner(text, { kind: 'expression' }).run();
}

/** Scans `text` as a template without quotes (hclsyntax's scanTemplate mode): StringLit and sequences, then EOF. */
export function lexHclTemplate(text: string): Token[] {
  return new Scanner(text, { kind: 'template' }).run();
}

class Scanner {
  private readonly tokens: Token[] = [];
  private readonly frames: Frame[];
  /** Open `{` count and, per open `${`/`%{`, the count at which its `}` closes it (hclsyntax's retBraces). */
  private braces = 0;
  private readonly returnBraces: number[] = [];
  private pos: number;

  constructor(
    private readonly text: string,
    start: Frame,
  ) {
    this.frames = [start];
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  run(): Token[] {
    while (this.pos < this.text.length) {
      const frame = this.frames[this.frames.length - 1] as Frame;
      if (frame.kind === 'expression') this.scanExpression();
      else if (frame.kind === 'quoted') this.scanQuoted();
      else if (frame.kind === 'template') this.scanTemplate();
      else this.scanHeredoc(frame);
    }
    this.emit('EOF', this.text.length);
    return this.tokens;
  }

  /** Returns true so the scan methods can `return this.emit(…)`. */
  private emit(type: TokenType, end: number, start = this.pos): true {
    this.tokens.push({ type, text: this.text.slice(start, end), start, end });
    this.pos = end;
    return true;
  }

  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  private scanExpression(): true {
    const { text, pos } = this;
    const c = text[pos] as string;
    if (c === ' ' || c === '\t') {
      this.pos++;
      return true;
    }
    if (c === '\n') return this.emit('Newline', pos + 1);
    if (c === '\r' && text[pos + 1] === '\n') return this.emit('Newline', pos + 2);
    const number = this.match(NUMBER);
    if (number) return this.emit('NumberLit', pos + number[0].length);
    const ident = this.match(IDENT);
    if (ident) return this.emit('Ident', pos + ident[0].length);
    if (c === '#' || text.startsWith('//', pos)) {
      const newline = text.indexOf('\n', pos);
      return this.emit('Comment', newline < 0 ? text.length : newline + 1);
    }
    if (text.startsWith('/*', pos)) {
      const close = text.indexOf('*/', pos + 2);
      return close < 0 ? this.emit('Invalid', text.length) : this.emit('Comment', close + 2);
    }
    if (text.startsWith('~}', pos)) return this.closeBrace(pos + 2, true);
    if (c === '}') return this.closeBrace(pos + 1, false);
    if (c === '{') {
      this.braces++;
      return this.emit('OBrace', pos + 1);
    }
    if (c === '"') {
      this.emit('OQuote', pos + 1);
      this.frames.push({ kind: 'quoted' });
      return true;
    }
    const heredoc = this.match(HEREDOC_START);
    if (heredoc) {
      this.emit('OHeredoc', pos + heredoc[0].length);
      this.frames.push({ kind: 'heredoc', marker: heredoc[1] as string, startOfLine: true });
      return true;
    }
    for (const [chars, type] of MULTI_CHAR_TOKENS) {
      if (text.startsWith(chars, pos)) return this.emit(type, pos + chars.length);
    }
    const self = SELF_TOKENS[c];
    if (self) return this.emit(self, pos + 1);
    const codePoint = text.codePointAt(pos) ?? 0;
    return this.emit('Invalid', pos + (codePoint > 0xffff ? 2 : 1));
  }

  /** `}` ends an interpolation opened at this brace depth, otherwise an object or block; `~}` is always a SeqEnd. */
  private closeBrace(end: number, strip: boolean): true {
    const closesSequence = this.returnBraces[this.returnBraces.length - 1] === this.braces;
    this.emit(closesSequence || strip ? 'TemplateSeqEnd' : 'CBrace', end);
    this.braces--;
    if (closesSequence) {
      this.returnBraces.pop();
      this.frames.pop();
    }
    return true;
  }

  /** `${`, `${~`, `%{`, `%{~` at pos: start an expression sequence inside a template. */
  private openSequence(): boolean {
    const { text, pos } = this;
    const c = text[pos];
    if ((c !== '$' && c !== '%') || text[pos + 1] !== '{') return false;
    this.emit(c === '$' ? 'TemplateInterp' : 'TemplateControl', pos + (text[pos + 2] === '~' ? 3 : 2));
    this.braces++;
    this.returnBraces.push(this.braces);
    this.frames.push({ kind: 'expression' });
    return true;
  }

  private scanQuoted(): true {
    const { text, pos } = this;
    if (this.openSequence()) return true;
    const c = text[pos];
    if (c === '"') {
      this.emit('CQuote', pos + 1);
      this.frames.pop();
      return true;
    }
    if (c === '\n' || c === '\r') {
      let end = pos;
      while (text[end] === '\n' || text[end] === '\r') end++;
      return this.emit('QuotedNewline', end);
    }
    return this.emit('QuotedLit', literalEnd(text, pos, true));
  }

  private scanTemplate(): true {
    if (this.openSequence()) return true;
    const end = literalEnd(this.text, this.pos, false);
    return this.emit('StringLit', this.text[end] === '\n' ? end + 1 : end);
  }

  private scanHeredoc(frame: Frame & { kind: 'heredoc' }): true {
    const { text, pos } = this;
    if (this.openSequence()) {
      frame.startOfLine = false;
      return true;
    }
    const end = literalEnd(text, pos, false);
    if (text[end] !== '\n') {
      frame.startOfLine = false;
      return this.emit('StringLit', end);
    }
    const lineEnd = text[end - 1] === '\r' ? end - 1 : end;
    if (frame.startOfLine && text.slice(pos, lineEnd).trim() === frame.marker) {
      this.emit('CHeredoc', lineEnd);
      this.emit('Newline', end + 1);
      this.frames.pop();
      return true;
    }
    frame.startOfLine = true;
    return this.emit('StringLit', end + 1);
  }
}

/** End of a run of template literal text: stops before `${`/`%{` (but not `$${`/`%%{`), a newline, or `"`. */
function literalEnd(text: string, from: number, quoted: boolean): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || (quoted && (c === '"' || c === '\r'))) break;
    if ((c === '$' || c === '%') && text[i + 1] === '{') break;
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      i += 3;
      continue;
    }
    if (quoted && c === '\\' && i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i += 2;
    else i++;
  }
  return i;
}
