// A block: `type "label" bare_label { body }`, or `type { name = value }` on one line (exactly one argument).

import type { BlockLabel, Body, NativeBlock } from './ast.js';
import { parseAttribute } from './parse-attribute.js';
import { decodeLiteral } from './template-literal.js';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokens.js';

/** The body parser, passed in so that bodies and blocks do not import each other. */
type ParseBody = (s: TokenStream, open: Token) => Body;

export const UNCLOSED_BLOCK =
  'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

/** At the first label or `{` after the block type. */
export function parseBlock(s: TokenStream, type: Token, parseBody: ParseBody): NativeBlock {
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
