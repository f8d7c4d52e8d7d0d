// The parser's view of the tokens (hclsyntax's peeker): comments are skipped (a `#`/`//` comment still ends its
// line), and newlines are skipped inside brackets, where the parser pushes `includeNewlines = false`.

import { HclSyntaxError } from './errors.js';
import { type Locator, rangeBetween, type SourceRange } from './source-range.js';
import type { Token, TokenType } from './tokens.js';

export class TokenStream {
  private next = 0;
  private last: Token;
  private readonly includeNewlines: boolean[] = [true];

  constructor(
    private readonly tokens: readonly Token[],
    readonly locator: Locator,
  ) {
    this.last = tokens[0] as Token;
  }

  peek(): Token {
    return this.scan().token;
  }

  read(): Token {
    const { token, index } = this.scan();
    this.next = index;
    this.last = token;
    return token;
  }

  /** The token after the next one, with the same skipping rules. */
  peekSecond(): Token {
    const saved = this.next;
    this.next = this.scan().index;
    const second = this.peek();
    this.next = saved;
    return second;
  }

  /** The most recently read token. */
  previous(): Token {
    return this.last;
  }

  pushNewlines(include: boolean): void {
    this.includeNewlines.push(include);
  }

  popNewlines(): void {
    this.includeNewlines.pop();
  }

  /** Reads the next token if it has this type. */
  accept(type: TokenType): Token | undefined {
    return this.peek().type === type ? this.read() : undefined;
  }

  range(token: Token): SourceRange {
    return this.locator.range(token.start, token.end);
  }

  rangeFrom(first: Token | SourceRange, last: Token = this.last): SourceRange {
    const start = 'type' in first ? this.range(first) : first;
    return rangeBetween(start, this.range(last));
  }

  fail(summary: string, detail: string, at: Token | SourceRange): never {
    const range = 'type' in at ? this.range(at) : at;
    throw new HclSyntaxError(summary, detail, range, this.locator.text);
  }

  private scan(): { token: Token; index: number } {
    const newlines = this.includeNewlines[this.includeNewlines.length - 1] === true;
    for (let i = this.next; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (token.type === 'Comment') {
        if (newlines && token.text.endsWith('\n'))
          return {
            token: { type: 'Newline', text: '\n', start: token.end - 1, end: token.end },
            index: i + 1,
          };
        continue;
      }
      if (token.type === 'Newline' && !newlines) continue;
      return { token, index: i + 1 };
    }
    return { token: this.tokens[this.tokens.length - 1] as Token, index: this.tokens.length };
  }
}
