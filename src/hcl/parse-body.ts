// Bodies: attributes `name = expr` and blocks `type "label" label2 { … }` (or `type { name = expr }` on one line),
// one per line, with hclsyntax's messages for what breaks that shape.

import type { Attribute, Block, BlockLabel, Body } from './ast.js';
import { parseExpression } from './parse-expression.js';
import { decodeLiteral } from './template-literal.js';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokens.js';

const UNCLOSED_BLOCK =
  'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

/** The items up to `}` (left unread) for a block, or to the end of the file. */
export function parseBody(s: TokenStream, open: Token | undefined): Body {
  const end = open ? 'CBrace' : 'EOF';
  const items: (Attribute | Block)[] = [];
  const attributes = new Map<string, Attribute>();
  for (;;) {
    const next = s.peek();
    if (next.type === end) break;
    if (next.type === 'Newline') {
      s.read();
      continue;
    }
    if (next.type === 'OQuote') s.fail('Invalid argument name', 'Argument names must not be quoted.', next);
    if (next.type === 'EOF' && open) s.fail('Unclosed configuration block', UNCLOSED_BLOCK, open);
    if (next.type !== 'Ident')
      s.fail(
        'Argument or block definition required',
        'An argument or block definition is required here.',
        next,
      );
    const item = parseBodyItem(s);
    if (item.kind === 'Attribute') {
      const earlier = attributes.get(item.name);
      if (earlier) {
        const where = `${earlier.nameRange.file}:${earlier.nameRange.start.line},${earlier.nameRange.start.column}`;
        s.fail(
          'Attribute redefined',
          `The argument "${item.name}" was already set at ${where}. Each argument may be set only once.`,
          item.nameRange,
        );
      }
      attributes.set(item.name, item);
    }
    items.push(item);
  }
  const first = open ?? s.peek();
  return {
    kind: 'Body',
    items,
    range: open ? s.rangeFrom(first, s.peek()) : s.locator.range(0, s.locator.text.length),
  };
}

function parseBodyItem(s: TokenStream): Attribute | Block {
  const name = s.read();
  const next = s.peek().type;
  if (next === 'Equal') return parseAttribute(s, name, false);
  if (next === 'OQuote' || next === 'OBrace' || next === 'Ident') return parseBlock(s, name);
  return s.fail(
    'Argument or block definition required',
    'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
    name,
  );
}

function parseAttribute(s: TokenStream, name: Token, singleLine: boolean): Attribute {
  s.read();
  const expr = parseExpression(s);
  const attribute: Attribute = {
    kind: 'Attribute',
    name: name.text,
    nameRange: s.range(name),
    expr,
    range: s.rangeFrom(name),
  };
  if (singleLine) return attribute;
  const end = s.peek();
  if (end.type === 'Comma')
    s.fail(
      'Unexpected comma after argument',
      'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
      end,
    );
  if (end.type !== 'Newline' && end.type !== 'EOF')
    s.fail('Missing newline after argument', 'An argument definition must end with a newline.', end);
  s.read();
  return attribute;
}

function parseBlock(s: TokenStream, type: Token): Block {
  const labels: BlockLabel[] = [];
  for (;;) {
    const token = s.peek();
    if (token.type === 'OBrace') break;
    if (token.type === 'OQuote') labels.push(parseQuotedLabel(s));
    else if (token.type === 'Ident')
      labels.push({ value: s.read().text, quoted: false, range: s.range(token) });
    else if (token.type === 'Equal')
      s.fail(
        'Invalid block definition',
        'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
        token,
      );
    else if (token.type === 'Newline')
      s.fail(
        'Invalid block definition',
        'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
        token,
      );
    else
      s.fail(
        'Invalid block definition',
        'Either a quoted string block label or an opening brace ("{") is expected here.',
        token,
      );
  }
  const open = s.read();
  const singleLine = !['Newline', 'EOF', 'CBrace'].includes(s.peek().type);
  const body = singleLine ? parseSingleAttributeBody(s, open) : parseBody(s, open);
  const close = s.read();
  const eol = s.peek();
  if (eol.type !== 'Newline' && eol.type !== 'EOF')
    s.fail('Missing newline after block definition', 'A block definition must end with a newline.', eol);
  s.read();
  return {
    kind: 'Block',
    type: type.text,
    typeRange: s.range(type),
    labels,
    body,
    singleLine,
    openBraceRange: s.range(open),
    closeBraceRange: s.range(close),
    range: s.rangeFrom(type, close),
  };
}

/** `name { arg = value }`: exactly one argument, closed on the same line. Leaves the `}` unread. */
function parseSingleAttributeBody(s: TokenStream, open: Token): Body {
  const name = s.read();
  if (name.type !== 'Ident')
    s.fail(
      'Argument or block definition required',
      'An argument or block definition is required here.',
      name,
    );
  if (s.peek().type !== 'Equal')
    s.fail(
      'Argument definition required',
      `A single-line block definition can contain only a single argument. If you meant to define argument "${name.text}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      name,
    );
  const attribute = parseAttribute(s, name, true);
  const next = s.peek();
  if (next.type === 'Comma')
    s.fail(
      'Invalid single-argument block definition',
      'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
      next,
    );
  if (next.type === 'Newline')
    s.fail(
      'Invalid single-argument block definition',
      "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
      next,
    );
  if (next.type === 'EOF') s.fail('Unclosed configuration block', UNCLOSED_BLOCK, open);
  if (next.type !== 'CBrace')
    s.fail(
      'Invalid single-argument block definition',
      'A single-line block definition must end with a closing brace immediately after its single argument definition.',
      next,
    );
  return { kind: 'Body', items: [attribute], range: s.rangeFrom(open, next) };
}

/** A block label in quotes: a plain string, no `${}` or `%{}`. */
function parseQuotedLabel(s: TokenStream): BlockLabel {
  const open = s.read();
  let value = '';
  for (;;) {
    const token = s.read();
    if (token.type === 'CQuote') break;
    if (token.type === 'QuotedLit')
      value += decodeLiteral(token.text, true, (index, message) =>
        s.fail(
          'Invalid escape sequence',
          message,
          s.locator.range(token.start + index, token.start + index + 2),
        ),
      );
    else if (token.type === 'TemplateInterp' || token.type === 'TemplateControl')
      s.fail(
        'Invalid string literal',
        'Template sequences are not allowed in this string. To include a literal "$", double it (as "$$") to escape it.',
        token,
      );
    else s.fail('Unterminated template string', 'No closing marker was found for the string.', token);
  }
  return { value, quoted: true, range: s.rangeFrom(open) };
}
