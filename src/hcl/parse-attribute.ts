// An attribute `name = expression`, ended by a newline (or, in a one-line block, by the closing brace).

import type { Attribute } from './ast.js';
import { parseExpression } from './parse-expression.js';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokens.js';

/** At the `=` after `name`. */
export function parseAttribute(s: TokenStream, name: Token, singleLine: boolean): Attribute {
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
