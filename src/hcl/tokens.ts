// HCL native-syntax tokens, named as hclsyntax names them (hclwrite's formatter rules are written in these terms).

export type TokenType =
  | 'OBrace'
  | 'CBrace'
  | 'OBrack'
  | 'CBrack'
  | 'OParen'
  | 'CParen'
  | 'OQuote'
  | 'CQuote'
  | 'OHeredoc'
  | 'CHeredoc'
  | 'Star'
  | 'Slash'
  | 'Plus'
  | 'Minus'
  | 'Percent'
  | 'Equal'
  | 'EqualOp'
  | 'NotEqual'
  | 'LessThan'
  | 'LessThanEq'
  | 'GreaterThan'
  | 'GreaterThanEq'
  | 'And'
  | 'Or'
  | 'Bang'
  | 'Dot'
  | 'Comma'
  | 'DoubleColon'
  | 'Ellipsis'
  | 'FatArrow'
  | 'Question'
  | 'Colon'
  | 'TemplateInterp'
  | 'TemplateControl'
  | 'TemplateSeqEnd'
  | 'QuotedLit'
  | 'StringLit'
  | 'NumberLit'
  | 'Ident'
  | 'Comment'
  | 'Newline'
  | 'QuotedNewline'
  | 'Invalid'
  | 'EOF';

/** One token: `text` is exactly `source.slice(start, end)` (string indices, not bytes). */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Single characters that are tokens by themselves (hclsyntax's SelfToken, minus the ones it never parses). */
export const SELF_TOKENS: Readonly<Record<string, TokenType>> = {
  '[': 'OBrack',
  ']': 'CBrack',
  '(': 'OParen',
  ')': 'CParen',
  '.': 'Dot',
  ',': 'Comma',
  '*': 'Star',
  '/': 'Slash',
  '%': 'Percent',
  '+': 'Plus',
  '-': 'Minus',
  '=': 'Equal',
  '<': 'LessThan',
  '>': 'GreaterThan',
  '!': 'Bang',
  '?': 'Question',
  ':': 'Colon',
};

/** Two- and three-character operators, longest first. */
export const MULTI_CHAR_TOKENS: ReadonlyArray<readonly [string, TokenType]> = [
  ['...', 'Ellipsis'],
  ['==', 'EqualOp'],
  ['!=', 'NotEqual'],
  ['>=', 'GreaterThanEq'],
  ['<=', 'LessThanEq'],
  ['&&', 'And'],
  ['||', 'Or'],
  ['::', 'DoubleColon'],
  ['=>', 'FatArrow'],
];

/** How a token changes bracket nesting: hclwrite's tokenBracketChange. */
export function bracketChange(type: TokenType): number {
  switch (type) {
    case 'OBrace':
    case 'OBrack':
    case 'OParen':
    case 'TemplateControl':
    case 'TemplateInterp':
      return 1;
    case 'CBrace':
    case 'CBrack':
    case 'CParen':
    case 'TemplateSeqEnd':
      return -1;
    default:
      return 0;
  }
}

/** A `#` or `//` comment token carries the newline that ends it. */
export function endsWithNewline(token: Token): boolean {
  return token.type === 'Newline' || (token.type === 'Comment' && token.text.endsWith('\n'));
}
