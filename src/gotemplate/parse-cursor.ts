// One `{{ }}` delimiter's tokens read as Go's parser reads them: declarations, pipelines, commands, operands.

import type { Command, Operand, Pipeline } from './ast.js';
import type { Token } from './lexer.js';
import { templateError } from './template-errors.js';

/** Named templates: `{{define}}` (top level only), `{{template}}` and `{{block}}`. */
export const NAMED = new Set(['define', 'template', 'block']);
export const LOOP_CONTROLS = new Set(['break', 'continue']);
export const BLOCKS = new Set(['if', 'with', 'range']);

export interface Delim {
  readonly kind: 'delim';
  readonly open: number;
  readonly end: number;
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
  /** undefined for a comment. */
  readonly tokens: readonly Token[] | undefined;
}

export function failAt(text: string, open: number, offset: number, detail: string, end?: number): never {
  const close = text.indexOf('}}', open);
  const expression = text.slice(open, end ?? (close < 0 ? text.length : close + 2));
  throw templateError(text, offset, expression, detail);
}

/** Parsing and evaluating recurse per level: a hostile template must not overflow the stack. */
const MAX_PAREN_DEPTH = 100;

/** Reads one delimiter's tokens: an optional declaration, then a pipeline of commands. */
export class Cursor {
  private readonly tokens: readonly Token[];
  private index = 0;
  private depth = 0;
  private readonly end: number;

  constructor(
    private readonly text: string,
    private readonly segment: Delim,
    private readonly scopes: string[][],
    skipWords: number,
  ) {
    this.tokens = segment.tokens ?? [];
    this.end = segment.end;
    for (let n = 0; n < skipWords; n++) {
      this.skipSpace();
      this.index++;
    }
  }

  /** The quoted name after define/template/block. */
  templateName(context: string): string {
    this.skipSpace();
    const token = this.peek();
    if (token?.kind !== 'string')
      this.fail(
        token?.start ?? this.end - 2,
        `unexpected ${token ? JSON.stringify(token.text) : '"}}"'} in ${context}`,
      );
    this.index++;
    return String(token.value);
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.peek() === undefined;
  }

  expectEnd(): void {
    this.skipSpace();
    const stray = this.peek();
    if (stray !== undefined) this.fail(stray.start, `unexpected ${JSON.stringify(stray.text)}`);
  }

  pipeline(context: string): Pipeline {
    this.skipSpace();
    const start = this.peek()?.start ?? this.end - 2;
    const variables = this.declaration(context);
    // Go names the construct an empty pipeline belongs to: "missing value for if" (for an action: "command").
    if (this.peekWord() === undefined)
      this.fail(start, `missing value for ${context === 'action' ? 'command' : context}`);
    const pipeline = this.commands(start, 'end', variables);
    if (variables && !variables.assign) this.scopes[this.scopes.length - 1]?.push(...variables.names);
    const stray = this.peek();
    if (stray !== undefined) this.fail(stray.start, `unexpected ${JSON.stringify(stray.text)}`);
    return pipeline;
  }

  private declaration(context: string): Pipeline['variables'] {
    const save = this.index;
    const names: string[] = [];
    for (;;) {
      this.skipSpace();
      const token = this.peek();
      if (token?.kind !== 'variable') break;
      this.index++;
      this.skipSpace();
      const next = this.peek();
      if (next?.kind === 'declare' || next?.kind === 'assign') {
        this.index++;
        names.push(String(token.value));
        if (next.kind === 'assign') this.checkDeclared(String(token.value), token.start);
        if (names.length > 2 || (names.length === 2 && context !== 'range'))
          this.fail(token.start, 'too many declarations');
        return { names, assign: next.kind === 'assign' };
      }
      if (next?.kind === 'comma' && names.length === 0 && context === 'range') {
        names.push(String(token.value));
        this.index++;
        continue;
      }
      break;
    }
    this.index = save;
    return undefined;
  }

  private commands(start: number, closing: 'rparen' | 'end', variables?: Pipeline['variables']): Pipeline {
    const commands: Command[] = [];
    for (;;) {
      this.skipSpace();
      const at = this.peek()?.start ?? this.end - 2;
      const operands = this.operands();
      if (operands.length === 0) this.fail(at, 'missing value for command');
      commands.push({ operands, start: operands[0]?.start ?? at });
      const next = this.peek();
      if (next?.kind === 'pipe') {
        this.index++;
        continue;
      }
      if (closing === 'rparen') {
        if (next?.kind !== 'rparen') this.fail(next?.start ?? this.end - 2, 'unclosed left paren');
        this.index++;
      }
      return { commands, start, ...(variables ? { variables } : {}) };
    }
  }

  private operands(): Operand[] {
    const operands: Operand[] = [];
    for (;;) {
      this.skipSpace();
      const token = this.peek();
      if (token === undefined || token.kind === 'pipe' || token.kind === 'rparen') return operands;
      this.index++;
      operands.push(this.operand(token));
    }
  }

  private fields(): string[] {
    const path: string[] = [];
    while (this.peek()?.kind === 'field') path.push(String(this.tokens[this.index++]?.value));
    return path;
  }

  private operand(token: Token): Operand {
    const start = token.start;
    switch (token.kind) {
      case 'field':
        return { kind: 'field', path: [String(token.value), ...this.fields()], start };
      case 'variable': {
        const name = String(token.value);
        this.checkDeclared(name, start);
        return { kind: 'variable', name, path: this.fields(), start };
      }
      case 'dot':
        return { kind: 'dot', start };
      case 'identifier':
        if (
          BLOCKS.has(token.text) ||
          NAMED.has(token.text) ||
          LOOP_CONTROLS.has(token.text) ||
          token.text === 'else' ||
          token.text === 'end'
        )
          return this.fail(start, `unexpected <${token.text}> in command`);
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
        if (++this.depth > MAX_PAREN_DEPTH)
          this.fail(start, `max expression depth exceeded (${MAX_PAREN_DEPTH} nested parentheses)`);
        const pipeline = this.commands(start, 'rparen');
        this.depth--;
        return { kind: 'pipeline', pipeline, start };
      }
      default:
        return this.fail(start, `unexpected ${JSON.stringify(token.text)}`);
    }
  }

  private checkDeclared(name: string, at: number): void {
    if (!this.scopes.some((scope) => scope.includes(name))) this.fail(at, `undefined variable "${name}"`);
  }

  private peekWord(): Token | undefined {
    this.skipSpace();
    return this.peek();
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private skipSpace(): void {
    while (this.peek()?.kind === 'space') this.index++;
  }

  private fail(offset: number, detail: string): never {
    return failAt(this.text, this.segment.open, offset, detail, this.end);
  }
}
