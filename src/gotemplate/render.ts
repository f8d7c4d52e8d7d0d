// Renders a Go template string: evaluates each action, keeps deferred ones verbatim, applies {{- -}} trimming.

import type { TemplateNode } from './ast.js';
import { assertFunctionsDefined, type EvalScope, evaluatePipeline } from './evaluate.js';
import { parseGoTemplate } from './parser.js';
import { DeferRender, templateError } from './template-errors.js';
import { type BoundFunction, printValue, type TemplateRecord } from './values.js';

export interface GoRenderOptions {
  readonly data: TemplateRecord;
  readonly functions: ReadonlyMap<string, BoundFunction>;
  /**
   * true: an action that needs a value not available yet (unknown `.Field`, `build` key) is left verbatim,
   * for a later phase. false: it is an error naming the field and what is available.
   */
  readonly keepUnresolved: boolean;
}

type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'done' | 'kept'; readonly text: string };

export function renderGoTemplate(text: string, options: GoRenderOptions): string {
  if (!text.includes('{{')) return text;
  const nodes = parseGoTemplate(text);
  const pieces = nodes.map((node) => evaluateNode(node, text, options));
  return pieces
    .map((piece, i) => (piece.kind === 'text' ? trimText(piece.text, nodes, pieces, i) : piece.text))
    .join('');
}

function evaluateNode(node: TemplateNode, text: string, options: GoRenderOptions): Piece {
  if (node.kind === 'text') return node;
  if (node.pipeline === undefined) return { kind: 'done', text: '' };
  const scope: EvalScope = {
    text,
    expression: node.source,
    data: options.data,
    functions: options.functions,
    keepUnresolved: options.keepUnresolved,
  };
  assertFunctionsDefined(node.pipeline, scope);
  try {
    const value = evaluatePipeline(node.pipeline, scope);
    return { kind: 'done', text: printValue(value) };
  } catch (error) {
    if (error instanceof DeferRender) {
      if (options.keepUnresolved) return { kind: 'kept', text: node.source };
      throw templateError(text, node.start, node.source, `${error.message} is not available here`);
    }
    throw error;
  }
}

/** Trim markers of evaluated neighbours apply now; a kept action keeps its markers (and spaces) for later. */
function trimText(text: string, nodes: readonly TemplateNode[], pieces: readonly Piece[], i: number): string {
  let out = text;
  const before = nodes[i - 1];
  const after = nodes[i + 1];
  if (before?.kind === 'action' && before.trimRight && pieces[i - 1]?.kind === 'done')
    out = out.replace(/^[ \t\r\n]+/, '');
  if (after?.kind === 'action' && after.trimLeft && pieces[i + 1]?.kind === 'done')
    out = out.replace(/[ \t\r\n]+$/, '');
  return out;
}
