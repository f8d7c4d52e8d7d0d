// Expressions by precedence, as hclsyntax: conditional, then || && (== !=) (< <= > >=) (+ -) (* / %), unary ! and -,
// then a term with its traversals.

import type { BinaryOperator, Expression } from './ast.js';
import { parseObject, parseTuple } from './parse-collections.js';
import { parseFunctionCall } from './parse-function-call.js';
import { parseTemplate } from './parse-template.js';
import { parseTraversals } from './parse-traversal.js';
import { rangeBetween } from './source-range.js';
import type { TokenStream } from './token-stream.js';
import type { TokenType } from './tokens.js';

export function parseExpression(s: TokenStream): Expression {
  const condition = parseBinary(s, 0);
  if (!s.accept('Question')) return condition;
  const then = parseExpression(s);
  if (!s.accept('Colon'))
    s.fail(
      'Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      s.peek(),
    );
  const otherwise = parseExpression(s);
  return {
    kind: 'Conditional',
    condition,
    then,
    otherwise,
    range: rangeBetween(condition.range, otherwise.range),
  };
}

const LEVELS: readonly Partial<Record<TokenType, BinaryOperator>>[] = [
  { Or: '||' },
  { And: '&&' },
  { EqualOp: '==', NotEqual: '!=' },
  { GreaterThan: '>', GreaterThanEq: '>=', LessThan: '<', LessThanEq: '<=' },
  { Plus: '+', Minus: '-' },
  { Star: '*', Slash: '/', Percent: '%' },
];

/** Left-associative binary operators from `level` up. */
function parseBinary(s: TokenStream, level: number): Expression {
  const operators = LEVELS[level];
  if (operators === undefined) return parseUnary(s);
  let left = parseBinary(s, level + 1);
  for (;;) {
    const op = operators[s.peek().type];
    if (op === undefined) return left;
    s.read();
    const right = parseBinary(s, level + 1);
    left = { kind: 'Binary', op, left, right, range: rangeBetween(left.range, right.range) };
  }
}

function parseUnary(s: TokenStream): Expression {
  const token = s.peek();
  if (token.type !== 'Minus' && token.type !== 'Bang')
    return parseTraversals(s, parseTerm(s), parseExpression);
  s.read();
  const operand = parseUnary(s);
  const op = token.type === 'Minus' ? '-' : '!';
  return { kind: 'Unary', op, operand, range: rangeBetween(s.range(token), operand.range) };
}

const NUMBER = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function parseTerm(s: TokenStream): Expression {
  const start = s.peek();
  switch (start.type) {
    case 'OParen': {
      s.read();
      s.pushNewlines(false);
      const expr = parseExpression(s);
      if (s.peek().type !== 'CParen')
        s.fail(
          'Unbalanced parentheses',
          'Expected a closing parenthesis to terminate the expression.',
          s.peek(),
        );
      s.read();
      s.popNewlines();
      return { kind: 'Paren', expr, range: s.rangeFrom(start) };
    }
    case 'NumberLit':
      s.read();
      if (!NUMBER.test(start.text))
        s.fail('Invalid number literal', 'Failed to recognize the value of this number literal.', start);
      return { kind: 'Number', text: start.text, range: s.range(start) };
    case 'Ident':
      return parseIdentifierTerm(s);
    case 'OQuote':
    case 'OHeredoc':
      return parseTemplate(s, parseExpression);
    case 'OBrack':
      return parseTuple(s, parseExpression);
    case 'OBrace':
      return parseObject(s, parseExpression);
    case 'EOF':
      return s.fail(
        'Missing expression',
        'Expected the start of an expression, but found the end of the file.',
        start,
      );
    default:
      return s.fail(
        'Invalid expression',
        'Expected the start of an expression, but found an invalid expression token.',
        start,
      );
  }
}

function parseIdentifierTerm(s: TokenStream): Expression {
  const name = s.read();
  const range = s.range(name);
  const next = s.peek().type;
  if (next === 'OParen' || next === 'DoubleColon') return parseFunctionCall(s, name.text, parseExpression);
  if (name.text === 'true' || name.text === 'false')
    return { kind: 'Bool', value: name.text === 'true', range };
  if (name.text === 'null') return { kind: 'Null', range };
  return { kind: 'Variable', name: name.text, range };
}
