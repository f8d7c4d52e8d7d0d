// hclwrite's spaceAfterToken (hashicorp/hcl, MPL-2.0): whether one space separates two neighbouring tokens on a
// line. The cases are checked in hclwrite's order; the first that applies decides.

import { bracketChange, type TokenType } from './tokens.js';

interface Spaced {
  readonly type: TokenType;
  readonly text: string;
}

const OPENS_OPERAND: ReadonlySet<TokenType> = new Set<TokenType>([
  'OParen',
  'OBrace',
  'OBrack',
  'Equal',
  'Colon',
  'Comma',
  'Question',
  'Plus',
  'Star',
  'Slash',
  'Percent',
  'Minus',
  'EqualOp',
  'NotEqual',
  'GreaterThan',
  'GreaterThanEq',
  'LessThan',
  'LessThanEq',
  'And',
  'Or',
  'Bang',
]);

const TEMPLATE_TEXT: ReadonlySet<TokenType> = new Set<TokenType>(['QuotedLit', 'StringLit']);

/** `before` is undefined at the start of a cell (hclwrite's TokenNil). */
export function spaceAfterToken(subject: Spaced, before: Spaced | undefined, after: Spaced): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === 'Newline') return false;
  if (s === 'Ident' && a === 'OParen') return false;
  if ((s === 'Ident' && a === 'DoubleColon') || (s === 'DoubleColon' && a === 'Ident')) return false;
  if (s === 'Dot' || a === 'Dot') return false;
  if (a === 'Comma' || a === 'Ellipsis') return false;
  if (s === 'Comma') return true;
  if (TEMPLATE_TEXT.has(s) || s === 'OQuote' || s === 'OHeredoc') return false;
  if (TEMPLATE_TEXT.has(a) || a === 'CQuote' || a === 'CHeredoc') return false;
  // `[for x in [foo]: x]`: `in` is the keyword here, not a reference being indexed.
  if (s === 'Ident' && subject.text === 'in' && before?.type === 'Ident') return true;
  if (a === 'OBrack' && (s === 'Ident' || s === 'NumberLit' || bracketChange(s) < 0)) return false;
  if (s === 'Bang') return false;
  // A minus after something that cannot end an operand is a negation: no space after it.
  if (s === 'Minus') return before !== undefined && !OPENS_OPERAND.has(before.type);
  if (s === 'OBrace' || a === 'CBrace') return !(s === 'OBrace' && a === 'CBrace');
  if ((s === 'TemplateInterp' || s === 'TemplateControl') && a === 'OBrace') return true;
  if (s === 'CBrace' && a === 'TemplateSeqEnd') return true;
  if (s === 'TemplateSeqEnd' && (a === 'TemplateInterp' || a === 'TemplateControl')) return false;
  if (bracketChange(s) > 0) return false;
  if (bracketChange(a) < 0) return false;
  return true;
}
