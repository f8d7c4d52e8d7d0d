// Traversals after a term: `.name`, `.0` (legacy index), `[key]`, and splats: `.*` applies the `.name`/`.0` steps
// that follow to each element, `[*]` also applies `[key]` steps.

import type { Expression } from './ast.js';
import { rangeBetween } from './source-range.js';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokens.js';

type ParseExpr = (s: TokenStream) => Expression;

export function parseTraversals(s: TokenStream, source: Expression, parseExpr: ParseExpr): Expression {
  let expr = source;
  for (;;) {
    const next = s.peek();
    if (next.type === 'Dot') {
      s.read();
      if (s.peek().type === 'Star') expr = parseSplat(s, expr, false, parseExpr);
      else expr = attributeStep(s, expr);
    } else if (next.type === 'OBrack') {
      if (s.peekSecond().type === 'Star') {
        s.read();
        expr = parseSplat(s, expr, true, parseExpr);
      } else expr = indexStep(s, expr, parseExpr);
    } else return expr;
  }
}

/** After a `.`: a name, or digits (`a.0`, and `a.0.1`, which the scanner reads as the one number `0.1`). */
function attributeStep(s: TokenStream, source: Expression): Expression {
  const token = s.read();
  if (token.type === 'Ident')
    return { kind: 'GetAttr', source, name: token.text, range: rangeBetween(source.range, s.range(token)) };
  if (token.type !== 'NumberLit')
    return s.fail('Invalid attribute name', 'An attribute name is required after a dot.', token);
  if (!/^[0-9]+(?:\.[0-9]+)*$/.test(token.text))
    s.fail(
      'Invalid legacy index syntax',
      'When using the legacy index syntax, the index must be a whole number.',
      token,
    );
  let expr = source;
  let offset = token.start;
  for (const digits of token.text.split('.')) {
    const key = {
      kind: 'Number',
      text: digits,
      range: s.locator.range(offset, offset + digits.length),
    } as const;
    expr = { kind: 'Index', source: expr, key, legacy: true, range: rangeBetween(source.range, key.range) };
    offset += digits.length + 1;
  }
  return expr;
}

function indexStep(s: TokenStream, source: Expression, parseExpr: ParseExpr): Expression {
  s.read();
  s.pushNewlines(false);
  const key = parseExpr(s);
  const close = s.peek();
  if (close.type !== 'CBrack')
    s.fail(
      'Missing close bracket on index',
      'The index operator must end with a closing bracket ("]").',
      close,
    );
  s.read();
  s.popNewlines();
  return { kind: 'Index', source, key, legacy: false, range: rangeBetween(source.range, s.range(close)) };
}

/** At the `*` of `.*` or `[*`; a splat ends before the next splat, which then wraps this one. */
function parseSplat(s: TokenStream, source: Expression, full: boolean, parseExpr: ParseExpr): Expression {
  const star = s.read();
  if (full) {
    const close = s.read();
    if (close.type !== 'CBrack')
      s.fail(
        'Missing close bracket on splat index',
        'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
        close,
      );
  }
  let each: Expression = { kind: 'SplatItem', range: s.range(star) };
  for (;;) {
    const next: Token = s.peek();
    const second = s.peekSecond().type;
    if (next.type === 'Dot' && second !== 'Star') {
      s.read();
      each = attributeStep(s, each);
    } else if (full && next.type === 'OBrack' && second !== 'Star') each = indexStep(s, each, parseExpr);
    else break;
  }
  return { kind: 'Splat', source, each, full, range: rangeBetween(source.range, s.range(s.previous())) };
}
