// Tuple `[a, b]` and object `{ k = v, k2: v2 }` constructors, and `for` expressions in both forms.

import type { Expression, ForExpr, ObjectItem } from './ast.js';
import { rangeBetween } from './source-range.js';
import type { TokenStream } from './token-stream.js';
import type { Token, TokenType } from './tokens.js';

type ParseExpr = (s: TokenStream) => Expression;

const isKeyword = (token: Token, word: string): boolean => token.type === 'Ident' && token.text === word;

export function parseTuple(s: TokenStream, parseExpr: ParseExpr): Expression {
  const open = s.read();
  s.pushNewlines(false);
  if (isKeyword(s.peek(), 'for')) {
    const expr = parseFor(s, open, 'CBrack', parseExpr);
    s.popNewlines();
    return expr;
  }
  const items: Expression[] = [];
  while (s.peek().type !== 'CBrack') {
    items.push(parseExpr(s));
    const next = s.peek();
    if (next.type === 'CBrack') break;
    if (next.type === 'EOF')
      s.fail(
        'Unterminated tuple constructor expression',
        'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
        open,
      );
    if (next.type !== 'Comma')
      s.fail('Missing item separator', 'Expected a comma to mark the beginning of the next item.', next);
    s.read();
  }
  s.read();
  s.popNewlines();
  return { kind: 'Tuple', items, range: s.rangeFrom(open) };
}

export function parseObject(s: TokenStream, parseExpr: ParseExpr): Expression {
  const open = s.read();
  s.pushNewlines(true);
  if (isKeyword(s.peek(), 'for')) {
    const expr = parseFor(s, open, 'CBrace', parseExpr);
    s.popNewlines();
    return expr;
  }
  const items: ObjectItem[] = [];
  for (;;) {
    const next = s.peek();
    if (next.type === 'CBrace') break;
    if (next.type === 'Newline') {
      s.read();
      continue;
    }
    if (next.type === 'EOF') unterminatedObject(s, open);
    items.push(parseObjectItem(s, open, parseExpr));
    const separator = s.peek();
    if (separator.type === 'CBrace') break;
    if (separator.type === 'Comma' || separator.type === 'Newline') s.read();
    else if (separator.type === 'EOF') unterminatedObject(s, open);
    else
      s.fail(
        'Missing attribute separator',
        'Expected a newline or comma to mark the beginning of the next attribute.',
        separator,
      );
  }
  s.read();
  s.popNewlines();
  return { kind: 'Object', items, range: s.rangeFrom(open) };
}

function parseObjectItem(s: TokenStream, open: Token, parseExpr: ParseExpr): ObjectItem {
  const keyExpr = parseExpr(s);
  const key = {
    expr: keyExpr,
    bareword: keyExpr.kind === 'Variable' ? keyExpr.name : undefined,
    range: keyExpr.range,
  };
  const next = s.peek();
  if (next.type !== 'Equal' && next.type !== 'Colon') {
    if (next.type === 'Newline' || next.type === 'Comma')
      s.fail(
        'Missing attribute value',
        'Expected an attribute value, introduced by an equals sign ("=").',
        next,
      );
    if (next.type === 'EOF') unterminatedObject(s, open);
    s.fail(
      'Missing key/value separator',
      'Expected an equals sign ("=") to mark the beginning of the attribute value.',
      next,
    );
  }
  s.read();
  const value = parseExpr(s);
  return { key, value, range: rangeBetween(keyExpr.range, value.range) };
}

function unterminatedObject(s: TokenStream, open: Token): never {
  return s.fail(
    'Unterminated object constructor expression',
    'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    open,
  );
}

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`, at `for`. */
function parseFor(s: TokenStream, open: Token, close: TokenType, parseExpr: ParseExpr): ForExpr {
  s.pushNewlines(false);
  s.read();
  const invalid = (detail: string, at: Token = s.peek()): never =>
    s.fail("Invalid 'for' expression", detail, at);
  if (s.peek().type !== 'Ident') invalid("For expression requires variable name after 'for'.");
  let valueVar = s.read().text;
  let keyVar: string | undefined;
  if (s.accept('Comma')) {
    if (s.peek().type !== 'Ident') invalid('For expression requires value variable name after comma.');
    keyVar = valueVar;
    valueVar = s.read().text;
  }
  if (!isKeyword(s.peek(), 'in'))
    invalid("For expression requires the 'in' keyword after its name declarations.");
  s.read();
  const collection = parseExpr(s);
  if (!s.accept('Colon')) invalid('For expression requires a colon after the collection expression.');
  let keyExpr: Expression | undefined;
  if (close === 'CBrace') {
    keyExpr = parseExpr(s);
    if (!s.accept('FatArrow'))
      invalid('For expression requires a "=>" after the key expression, to separate the key from the value.');
  }
  const valueExpr = parseExpr(s);
  const ellipsis = s.accept('Ellipsis');
  if (ellipsis && close === 'CBrack')
    invalid('Grouping ellipsis (...) can be used only in an object for expression.', ellipsis);
  let condition: Expression | undefined;
  if (isKeyword(s.peek(), 'if')) {
    s.read();
    condition = parseExpr(s);
  }
  if (s.peek().type !== close) invalid("Extra characters after the end of the 'for' expression.");
  s.read();
  s.popNewlines();
  const range = s.rangeFrom(open);
  return {
    kind: 'For',
    keyVar,
    valueVar,
    collection,
    keyExpr,
    valueExpr,
    condition,
    group: ellipsis !== undefined,
    range,
  };
}
