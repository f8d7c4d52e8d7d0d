// Parses a Go text/template string into text, actions, if/with/range blocks and named templates, checking
// variables are declared (each delimiter's tokens are read by parse-cursor.ts).

import {
  type ActionNode,
  type BlockNode,
  type DefineNode,
  isEmptyBody,
  type Pipeline,
  type TemplateCallNode,
  type TemplateNode,
} from './ast.js';
import { LexError, lexAction, type Token } from './lexer.js';
import { BLOCKS, Cursor, type Delim, failAt, LOOP_CONTROLS, NAMED } from './parse-cursor.js';
import { templateError } from './template-errors.js';

type Segment = { readonly kind: 'text'; readonly text: string } | Delim;

export function parseGoTemplate(text: string): TemplateNode[] {
  const segments = scan(text);
  return new TreeParser(text, segments).list(true);
}

function scan(text: string): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    if (open < 0) {
      segments.push({ kind: 'text', text: text.slice(pos) });
      break;
    }
    if (open > pos) segments.push({ kind: 'text', text: text.slice(pos, open) });
    const delim = scanDelim(text, open);
    segments.push(delim);
    pos = delim.end;
  }
  return segments;
}

function scanDelim(text: string, open: number): Delim {
  const trimLeft = /^\{\{-[ \t\r\n]/.test(text.slice(open, open + 4));
  const inner = open + (trimLeft ? 3 : 2);
  const comment = /^[ \t\r\n]*\/\*/.exec(text.slice(inner));
  if (comment) {
    const close = text.indexOf('*/', inner + comment[0].length);
    if (close < 0) return failAt(text, open, open, 'unclosed comment');
    const m = /^(?:}}|[ \t\r\n]+-}})/.exec(text.slice(close + 2));
    if (!m) return failAt(text, open, close, 'comment ends before closing delimiter');
    const end = close + 2 + m[0].length;
    return { kind: 'delim', open, end, trimLeft, trimRight: m[0] !== '}}', tokens: undefined };
  }
  try {
    const lexed = lexAction(text, inner);
    return {
      kind: 'delim',
      open,
      end: lexed.end,
      trimLeft,
      trimRight: lexed.trimRight,
      tokens: lexed.tokens,
    };
  } catch (error) {
    if (error instanceof LexError) return failAt(text, open, error.offset, error.message);
    throw error;
  }
}

type Stop = { readonly word: 'else' | 'end'; readonly segment: Delim; readonly rest: number };

class TreeParser {
  private index = 0;
  /** Variables in scope, innermost last; a named template's body starts afresh with only `$`. */
  private scopes: string[][] = [['$']];
  /** Names defined with content so far: Go rejects a second definition with content. */
  private readonly defined = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly segments: readonly Segment[],
  ) {}

  /** Parses nodes up to the end of input (top level) or an {{else}}/{{end}}, which `stop` then holds. */
  list(top: boolean): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    for (;;) {
      const segment = this.segments[this.index];
      if (segment === undefined) {
        if (!top) this.fail(this.text.length, 'unexpected EOF');
        return nodes;
      }
      if (segment.kind === 'text') {
        const before = this.segments[this.index - 1];
        const after = this.segments[this.index + 1];
        nodes.push({
          kind: 'text',
          text: segment.text,
          trimStart: before?.kind === 'delim' && before.trimRight,
          trimEnd: after?.kind === 'delim' && after.trimLeft,
        });
        this.index++;
        continue;
      }
      const word = keywordOf(segment);
      if (word === 'else' || word === 'end') {
        if (top) this.failSegment(segment, `unexpected {{${word}}}`);
        this.stop = { word, segment, rest: 0 };
        return nodes;
      }
      this.index++;
      if (word !== undefined && BLOCKS.has(word))
        nodes.push(this.block(word as BlockNode['kind'], segment, 1));
      else if (word !== undefined && LOOP_CONTROLS.has(word)) nodes.push(this.loopControl(word, segment));
      else if (word === 'define') {
        if (!top) this.failSegment(segment, 'unexpected <define> in command');
        nodes.push(this.definition(segment));
      } else if (word === 'template' || word === 'block') nodes.push(this.templateCall(word, segment));
      else nodes.push(this.action(segment));
    }
  }

  stop: Stop | undefined;
  /** Range bodies being parsed: `{{break}}`/`{{continue}}` belong in one (not in its `{{else}}`), as in Go. */
  private rangeDepth = 0;

  /** `{{define "name"}}` list `{{end}}`. */
  private definition(segment: Delim): DefineNode {
    const name = new Cursor(this.text, segment, this.scopes, 1).templateName('define clause');
    const body = this.namedBody(name, segment, 'define clause');
    return { kind: 'define', name, body, ...this.span(segment) };
  }

  /** `{{template "name" [pipeline]}}`, or `{{block "name" pipeline}}` list `{{end}}`. */
  private templateCall(word: 'template' | 'block', segment: Delim): TemplateCallNode {
    const context = word === 'block' ? 'block clause' : 'template clause';
    const cursor = new Cursor(this.text, segment, this.scopes, 1);
    const name = cursor.templateName(context);
    const pipeline = word === 'block' || !cursor.atEnd() ? cursor.pipeline(context) : undefined;
    if (word === 'template') return { kind: 'template', name, pipeline, ...this.span(segment) };
    const body = this.namedBody(name, segment, context);
    return { kind: 'template', name, pipeline, body, ...this.span(segment) };
  }

  /** A named template's list, parsed as Go parses a new tree: only `$` declared, outside any range. */
  private namedBody(name: string, segment: Delim, context: string): TemplateNode[] {
    const [scopes, rangeDepth] = [this.scopes, this.rangeDepth];
    this.scopes = [['$']];
    this.rangeDepth = 0;
    const body = this.list(false);
    const stop = this.takeStop();
    if (stop.word !== 'end') this.failSegment(stop.segment, `unexpected {{else}} in ${context}`);
    new Cursor(this.text, stop.segment, this.scopes, 1).expectEnd();
    this.index++;
    [this.scopes, this.rangeDepth] = [scopes, rangeDepth];
    if (!isEmptyBody(body)) {
      if (this.defined.has(name))
        this.failSegment(segment, `template: multiple definition of template "${name}"`);
      this.defined.add(name);
    }
    return body;
  }

  /** Where a construct starts; for a construct with a body, `source` runs to the end of its `{{end}}`. */
  private span(open: Delim) {
    const close = this.segments[this.index - 1] as Delim;
    const last = close.kind === 'delim' && close.end > open.end ? close : open;
    return {
      source: this.text.slice(open.open, last.end),
      start: open.open,
      trimLeft: open.trimLeft,
      trimRight: last.trimRight,
    };
  }

  private loopControl(word: string, segment: Delim): ActionNode {
    new Cursor(this.text, segment, this.scopes, 1).expectEnd();
    if (this.rangeDepth === 0) this.failSegment(segment, `{{${word}}} outside {{range}}`);
    return {
      kind: 'action',
      pipeline: undefined,
      loop: word as 'break' | 'continue',
      source: this.text.slice(segment.open, segment.end),
      start: segment.open,
      trimLeft: segment.trimLeft,
      trimRight: segment.trimRight,
    };
  }

  private action(segment: Delim): ActionNode {
    const base = {
      kind: 'action' as const,
      source: this.text.slice(segment.open, segment.end),
      start: segment.open,
      trimLeft: segment.trimLeft,
      trimRight: segment.trimRight,
    };
    if (segment.tokens === undefined) return { ...base, pipeline: undefined };
    const cursor = new Cursor(this.text, segment, this.scopes, 0);
    const pipeline = cursor.pipeline('action');
    return { ...base, pipeline };
  }

  /** `{{if|with|range pipeline}}` list [`{{else}}` list | `{{else if …}}` …] `{{end}}`. */
  private block(kind: BlockNode['kind'], segment: Delim, skip: number): BlockNode {
    this.scopes.push([]);
    const cursor = new Cursor(this.text, segment, this.scopes, skip);
    const pipeline = cursor.pipeline(kind);
    if (kind === 'range') this.rangeDepth++;
    const body = this.list(false);
    if (kind === 'range') this.rangeDepth--;
    let otherwise: TemplateNode[] = [];
    let stop = this.takeStop();
    if (stop.word === 'else') {
      this.index++;
      const elseIf = keywordAfterElse(stop.segment);
      if (elseIf === 'if') {
        otherwise = [this.block('if', stop.segment, 2)];
        // The nested if consumed the shared {{end}}.
        this.scopes.pop();
        const last = this.segments[this.index - 1] as Delim;
        return this.blockNode(kind, segment, last, pipeline, body, otherwise);
      }
      new Cursor(this.text, stop.segment, this.scopes, 1).expectEnd();
      otherwise = this.list(false);
      stop = this.takeStop();
      if (stop.word === 'else') this.failSegment(stop.segment, 'expected end; found {{else}}');
    }
    new Cursor(this.text, stop.segment, this.scopes, 1).expectEnd();
    this.index++;
    this.scopes.pop();
    return this.blockNode(kind, segment, stop.segment, pipeline, body, otherwise);
  }

  private blockNode(
    kind: BlockNode['kind'],
    open: Delim,
    close: Delim,
    pipeline: Pipeline,
    body: TemplateNode[],
    otherwise: TemplateNode[],
  ): BlockNode {
    return {
      kind,
      pipeline,
      body,
      otherwise,
      source: this.text.slice(open.open, close.end),
      start: open.open,
      trimLeft: open.trimLeft,
      trimRight: close.trimRight,
    };
  }

  private takeStop(): Stop {
    const stop = this.stop as Stop;
    this.stop = undefined;
    return stop;
  }

  private fail(offset: number, detail: string): never {
    throw templateError(this.text, Math.min(offset, this.text.length), this.text, detail);
  }

  private failSegment(segment: Delim, detail: string): never {
    return failAt(this.text, segment.open, segment.open, detail, segment.end);
  }
}

function words(segment: Delim): Token[] {
  return (segment.tokens ?? []).filter((t) => t.kind !== 'space');
}

function keywordOf(segment: Delim): string | undefined {
  const first = words(segment)[0];
  if (first?.kind !== 'identifier') return undefined;
  return BLOCKS.has(first.text) ||
    NAMED.has(first.text) ||
    LOOP_CONTROLS.has(first.text) ||
    first.text === 'else' ||
    first.text === 'end'
    ? first.text
    : undefined;
}

function keywordAfterElse(segment: Delim): string | undefined {
  const second = words(segment)[1];
  return second?.kind === 'identifier' && second.text === 'if' ? 'if' : undefined;
}
