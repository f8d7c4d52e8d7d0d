// A function call: `name(a, b)`, `name(a, list...)`, or with a namespace `provider::ns::name(…)`.

import type { Expression } from './ast.js';
import type { TokenStream } from './token-stream.js';

type ParseExpr = (s: TokenStream) => Expression;

/** After the function's (first) name; the name token is the stream's previous token. */
export function parseFunctionCall(s: TokenStream, first: string, parseExpression: ParseExpr): Expression {
  const nameToken = s.previous();
  const name = [first];
  while (s.accept('DoubleColon')) {
    const part = s.read();
    if (part.type !== 'Ident')
      s.fail(
        'Missing function name',
        'Function scope resolution symbol :: must be followed by a function name in this scope.',
        part,
      );
    name.push(part.text);
  }
  const nameRange = s.rangeFrom(nameToken);
  const open = s.read();
  if (open.type !== 'OParen')
    s.fail(
      'Missing open parenthesis',
      'Function selector must be followed by an open parenthesis to begin the function call.',
      open,
    );
  s.pushNewlines(false);
  const args: Expression[] = [];
  let expandFinal = false;
  while (s.peek().type !== 'CParen') {
    args.push(parseExpression(s));
    if (s.accept('Ellipsis')) {
      expandFinal = true;
      if (s.peek().type !== 'CParen')
        s.fail(
          'Missing closing parenthesis',
          'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
          s.peek(),
        );
      break;
    }
    const separator = s.peek();
    if (separator.type === 'CParen') break;
    if (separator.type === 'EOF')
      s.fail(
        'Unterminated function call',
        'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
        nameRange,
      );
    if (separator.type !== 'Comma')
      s.fail(
        'Missing argument separator',
        'A comma is required to separate each function argument from the next.',
        separator,
      );
    s.read();
  }
  s.read();
  s.popNewlines();
  return { kind: 'FunctionCall', name, args, expandFinal, nameRange, range: s.rangeFrom(nameToken) };
}
