// Bodies: attributes `name = expr` and blocks `type "label" label2 { … }` (or `type { name = expr }` on one line),
// one per line, with hclsyntax's messages for what breaks that shape.

import type { Attribute, Body, NativeBlock } from './ast.js';
import { parseAttribute } from './parse-attribute.js';
import { parseBlock, UNCLOSED_BLOCK } from './parse-block.js';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokens.js';

/** The items up to `}` (left unread) for a block, or to the end of the file. */
export function parseBody(s: TokenStream, open: Token | undefined): Body {
  const end = open ? 'CBrace' : 'EOF';
  const items: (Attribute | NativeBlock)[] = [];
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

function parseBodyItem(s: TokenStream): Attribute | NativeBlock {
  const name = s.read();
  const next = s.peek().type;
  if (next === 'Equal') return parseAttribute(s, name, false);
  if (next === 'OQuote' || next === 'OBrace' || next === 'Ident') return parseBlock(s, name, parseBody);
  return s.fail(
    'Argument or block definition required',
    'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
    name,
  );
}
