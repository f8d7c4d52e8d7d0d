// Parses a Go text/template string into text and action nodes (expressions only: no if/range/define).

import type { ActionNode, Command, Operand, Pipeline, TemplateNode } from './ast.js';
import { LexError, lexAction, type Token } from './lexer.js';
import { templateError } from './template-errors.js';

const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
]);

export function parseGoTemplate(text: string): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    if (open < 0) {
      nodes.push({ kind: 'text', text: text.slice(pos) });
      break;
    }
    if (open > pos) nodes.push({ kind: 'text', text: text.slice(pos, open) });
    const action = parseAction(text, open);
    nodes.push(action);
    pos = open + action.source.length;
  }
  return nodes;
}

const MAX_PAREN_DEPTH = 100;

function parseAction(text: string, open: number): ActionNode {
  const trimLeft = /^\{\{-[ \t\r\n]/.test(text.slice(open, open + 4));
  const inner = open + (trimLeft ? 3 : 2);
  const fail = (offset: number, detail: string, end?: number): never => {
    const close = text.indexOf('}}', open);
    const expression = text.slice(open, end ?? (close < 0 ? text.length : close + 2));
    throw templateError(text, offset, expression, detail);
  };
  const comment = /^[ \t\r\n]*\/\*/.exec(text.slice(inner));
  if (comment) return parseComment(text, open, inner + comment[0].length, trimLeft, fail);
  let lexed: ReturnType<typeof lexAction>;
  try {
    lexed = lexAction(text, inner);
  } catch (error) {
    if (error instanceof LexError) return fail(error.offset, error.message);
    throw error;
  }
  const source = text.slice(open, lexed.end);
  const tokens = lexed.tokens;
  let index = 0;
  let depth = 0;
  const peek = (): Token | undefined => tokens[index];
  const skipSpace = (): void => {
    while (peek()?.kind === 'space') index++;
  };

  const parsePipeline = (start: number, closing: 'rparen' | 'end'): Pipeline => {
    const commands: Command[] = [];
    for (;;) {
      skipSpace();
      const at = peek()?.start ?? lexed.end - 2;
      const operands = parseOperands();
      if (operands.length === 0) fail(at, 'missing value for command', lexed.end);
      commands.push({ operands, start: operands[0]?.start ?? at });
      const next = peek();
      if (next?.kind === 'pipe') {
        index++;
        continue;
      }
      if (closing === 'rparen') {
        if (next?.kind !== 'rparen') fail(next?.start ?? lexed.end - 2, 'unclosed left paren', lexed.end);
        index++;
      }
      return { commands, start };
    }
  };

  const parseOperands = (): Operand[] => {
    const operands: Operand[] = [];
    for (;;) {
      skipSpace();
      const token = peek();
      if (token === undefined || token.kind === 'pipe' || token.kind === 'rparen') return operands;
      index++;
      operands.push(toOperand(token));
    }
  };

  const toOperand = (token: Token): Operand => {
    const start = token.start;
    switch (token.kind) {
      case 'field': {
        const path = [String(token.value)];
        while (peek()?.kind === 'field') path.push(String(tokens[index++]?.value));
        return { kind: 'field', path, start };
      }
      case 'dot':
        return { kind: 'dot', start };
      case 'identifier':
        if (KEYWORDS.has(token.text)) {
          return fail(
            start,
            `{{${token.text}}} is not supported by Kiln (only expressions, pipes and calls)`,
          );
        }
        return { kind: 'identifier', name: token.text, start };
      case 'string':
        return { kind: 'string', value: String(token.value), start };
      case 'number':
        return { kind: 'number', value: Number(token.value), isFloat: token.isFloat === true, start };
      case 'bool':
        return { kind: 'bool', value: token.text === 'true', start };
      case 'nil':
        return { kind: 'nil', start };
      case 'lparen': {
        // Parsing and evaluating recurse per level: a hostile template must not overflow the stack.
        if (++depth > MAX_PAREN_DEPTH)
          fail(start, `max expression depth exceeded (${MAX_PAREN_DEPTH} nested parentheses)`);
        const pipeline = parsePipeline(start, 'rparen');
        depth--;
        return { kind: 'pipeline', pipeline, start };
      }
      default:
        return fail(start, `unexpected ${JSON.stringify(token.text)}`);
    }
  };

  skipSpace();
  if (peek() === undefined) fail(inner, 'missing value for command', lexed.end);
  const pipeline = parsePipeline(peek()?.start ?? inner, 'end');
  const stray = peek();
  if (stray !== undefined) fail(stray.start, `unexpected ${JSON.stringify(stray.text)}`, lexed.end);
  return { kind: 'action', pipeline, source, start: open, trimLeft, trimRight: lexed.trimRight };
}

function parseComment(
  text: string,
  open: number,
  bodyStart: number,
  trimLeft: boolean,
  fail: (offset: number, detail: string) => never,
): ActionNode {
  const close = text.indexOf('*/', bodyStart);
  if (close < 0) return fail(open, 'unclosed comment');
  const rest = text.slice(close + 2);
  const m = /^(?:}}|[ \t\r\n]+-}})/.exec(rest);
  if (!m) return fail(close, 'comment ends before closing delimiter');
  const source = text.slice(open, close + 2 + m[0].length);
  return { kind: 'action', pipeline: undefined, source, start: open, trimLeft, trimRight: m[0] !== '}}' };
}
