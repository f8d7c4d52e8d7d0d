// Renders a Go template string: runs its actions and blocks, keeps deferred ones verbatim, applies {{- -}} trimming.

import {
  type BlockNode,
  forEachPipeline,
  namedTemplates,
  type TemplateCallNode,
  type TemplateNode,
} from './ast.js';
import { assertFunctionsDefined, type EvalScope, evaluatePipeline } from './evaluate.js';
import { parseGoTemplate } from './parser.js';
import { DeferRender, templateError } from './template-errors.js';
import {
  type BoundFunction,
  GoFloat,
  isRecord,
  isTrue,
  printValue,
  type TemplateRecord,
  type TemplateValue,
} from './values.js';
import { TemplateVariables } from './variables.js';

export interface GoRenderOptions {
  /** null: no data at all, every `.Field` has no value (Packer's console). */
  readonly data: TemplateRecord | null;
  readonly functions: ReadonlyMap<string, BoundFunction>;
  /**
   * true: an action that needs a value not available yet (unknown `.Field`, `build` key) is left verbatim,
   * for a later phase. false: it is an error naming the field and what is available.
   */
  readonly keepUnresolved: boolean;
}

type Piece = { readonly kind: 'text' | 'done' | 'kept'; readonly text: string };

export function renderGoTemplate(text: string, options: GoRenderOptions): string {
  if (!text.includes('{{')) return text;
  const nodes = parseGoTemplate(text);
  const variables = new TemplateVariables(options.data);
  const templates = namedTemplates(nodes);
  const scope = (expression: string): EvalScope => ({
    text,
    expression,
    data: options.data,
    dot: options.data,
    variables,
    functions: options.functions,
    keepUnresolved: options.keepUnresolved,
    templates,
  });
  // Like Go's parser, every function must exist even when an earlier value defers the action.
  forEachPipeline(nodes, (pipeline, node) => assertFunctionsDefined(pipeline, scope(node.source)));
  const pieces = nodes.map((node): Piece => {
    if (node.kind === 'text') return { kind: 'text', text: node.text };
    const mark = variables.mark();
    try {
      return { kind: 'done', text: execute([node], scope(node.source)) };
    } catch (error) {
      if (!(error instanceof DeferRender)) throw error;
      if (!options.keepUnresolved)
        throw templateError(text, node.start, node.source, `${error.message} is not available here`);
      // What a kept action declares is unknown until the later phase renders it.
      variables.pop(mark);
      for (const name of declaredBy(node)) variables.declare(name, null, true);
      return { kind: 'kept', text: node.source };
    }
  });
  // A kept {{template}} is rendered again later from the kept text: the definitions must stay in it too.
  if (pieces.some((piece) => piece.kind === 'kept'))
    for (const [i, node] of nodes.entries())
      if (node.kind === 'define') pieces[i] = { kind: 'kept', text: node.source };
  return pieces
    .map((piece, i) => {
      if (piece.kind !== 'text') return piece.text;
      const node = nodes[i] as Extract<TemplateNode, { kind: 'text' }>;
      return trim(
        node.text,
        node.trimStart && pieces[i - 1]?.kind === 'done',
        node.trimEnd && pieces[i + 1]?.kind === 'done',
      );
    })
    .join('');
}

function declaredBy(node: TemplateNode): readonly string[] {
  return node.kind === 'action' && node.pipeline?.variables && !node.pipeline.variables.assign
    ? node.pipeline.variables.names
    : [];
}

function trim(text: string, start: boolean, end: boolean): string {
  let out = text;
  if (start) out = out.replace(/^[ \t\r\n]+/, '');
  if (end) out = out.replace(/[ \t\r\n]+$/, '');
  return out;
}

/** `{{break}}`/`{{continue}}` unwinding to the innermost range (Go panics with walkBreak/walkContinue likewise). */
class LoopSignal {
  constructor(readonly word: 'break' | 'continue') {}
}

/** Runs nodes in a scope; inside a block every trim marker applies (a block is kept or run as a whole). */
function execute(nodes: readonly TemplateNode[], scope: EvalScope): string {
  const out: string[] = [];
  run(nodes, scope, out);
  return out.join('');
}

/** Appends as it goes, so what a range body printed before `{{break}}` is kept, as in Go. */
function run(nodes: readonly TemplateNode[], scope: EvalScope, out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') out.push(trim(node.text, node.trimStart, node.trimEnd));
    else if (node.kind === 'action') {
      if (node.loop !== undefined) throw new LoopSignal(node.loop);
      if (node.pipeline === undefined) continue;
      const value = evaluatePipeline(node.pipeline, { ...scope, expression: node.source });
      // Go prints nothing for an action that declares or assigns a variable.
      if (node.pipeline.variables === undefined) out.push(printValue(value));
    } else if (node.kind === 'template') runTemplate(node, scope, out);
    else if (node.kind !== 'define') runBlock(node, scope, out);
  }
}

/** Go's limit is 100000 calls deep; Kiln's recursion stops far sooner than the JavaScript stack. */
const MAX_TEMPLATE_DEPTH = 1000;

/** `{{template "name" p}}`: the named body with `.` and `$` set to p's value (nil without one), as in Go. */
function runTemplate(node: TemplateCallNode, outer: EvalScope, out: string[]): void {
  const scope = { ...outer, expression: node.source };
  const body = scope.templates?.get(node.name);
  const fail = (detail: string) => templateError(scope.text, node.start, node.source, detail);
  if (body === undefined) throw fail(`template "${node.name}" not defined`);
  const depth = (scope.depth ?? 0) + 1;
  if (depth > MAX_TEMPLATE_DEPTH) throw fail(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
  const value = node.pipeline === undefined ? null : evaluatePipeline(node.pipeline, scope);
  run(body, { ...scope, dot: value, variables: new TemplateVariables(value), depth }, out);
}

function runBlock(node: BlockNode, outer: EvalScope, out: string[]): void {
  const scope = { ...outer, expression: node.source };
  const mark = scope.variables.mark();
  try {
    if (node.kind !== 'range') {
      const value = evaluatePipeline(node.pipeline, scope);
      if (!isTrue(value)) run(node.otherwise, scope, out);
      else run(node.body, node.kind === 'with' ? { ...scope, dot: value } : scope, out);
      return;
    }
    const value = evaluatePipeline(node.pipeline, scope, false);
    const entries = rangeEntries(value, scope);
    if (entries.length === 0) {
      run(node.otherwise, scope, out);
      return;
    }
    const names = node.pipeline.variables?.names ?? [];
    for (const [key, element] of entries) {
      const iteration = scope.variables.mark();
      if (names.length === 1) scope.variables.declare(names[0] as string, element);
      if (names.length === 2) {
        scope.variables.declare(names[0] as string, key);
        scope.variables.declare(names[1] as string, element);
      }
      try {
        run(node.body, { ...scope, dot: element }, out);
      } catch (signal) {
        if (!(signal instanceof LoopSignal)) throw signal;
        if (signal.word === 'break') break;
      } finally {
        scope.variables.pop(iteration);
      }
    }
  } finally {
    scope.variables.pop(mark);
  }
}

/** What range iterates: a map's entries in key order; nothing for nil; Go 1.15 iterates nothing else. */
function rangeEntries(value: TemplateValue, scope: EvalScope): [string, TemplateValue][] {
  if (value === null) return [];
  if (isRecord(value))
    return Object.keys(value)
      .sort()
      .map((key) => [key, value[key] ?? null]);
  const shown = value instanceof GoFloat ? printValue(value) : String(value);
  throw templateError(
    scope.text,
    scope.text.indexOf(scope.expression),
    scope.expression,
    `range can't iterate over ${shown}`,
  );
}
