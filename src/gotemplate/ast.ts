// Syntax tree of Go text/template: actions, pipes, calls, fields, variables, literals, if/with/range blocks.

export type Operand =
  | { readonly kind: 'field'; readonly path: readonly string[]; readonly start: number }
  | { readonly kind: 'dot'; readonly start: number }
  | {
      readonly kind: 'variable';
      /** `$` or `$name`. */
      readonly name: string;
      /** Fields read from the variable's value: `$x.A.B`. */
      readonly path: readonly string[];
      readonly start: number;
    }
  | { readonly kind: 'identifier'; readonly name: string; readonly start: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number }
  | { readonly kind: 'number'; readonly value: number; readonly isFloat: boolean; readonly start: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly start: number }
  | { readonly kind: 'nil'; readonly start: number }
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline; readonly start: number };

/** One command of a pipeline: a function call with arguments, or a single operand. */
export interface Command {
  readonly operands: readonly Operand[];
  readonly start: number;
}

export interface Pipeline {
  readonly commands: readonly Command[];
  readonly start: number;
  /** `$x := …` (declare) or `$x = …` (assign); range may declare two: `$i, $e := …`. */
  readonly variables?: { readonly names: readonly string[]; readonly assign: boolean };
}

export interface TextNode {
  readonly kind: 'text';
  readonly text: string;
  /** The delimiter before is `-}}` / the one after is `{{-`: trim the spaces on that side. */
  readonly trimStart: boolean;
  readonly trimEnd: boolean;
}

interface Delimited {
  /** The whole construct exactly as written, delimiters included, so it can be kept for a later phase. */
  readonly source: string;
  readonly start: number;
  /** `{{-` on the opening delimiter / `-}}` on the closing one. */
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
}

export interface ActionNode extends Delimited {
  readonly kind: 'action';
  /** Undefined for comments `{{/* … *\/}}` and for `{{break}}`/`{{continue}}`. */
  readonly pipeline: Pipeline | undefined;
  /** `{{break}}` / `{{continue}}` inside a range body (Go 1.18+, which Debian's Packer 1.6.6 is built with). */
  readonly loop?: 'break' | 'continue';
}

/** `{{if p}} … {{else}} … {{end}}`, likewise with and range; `{{else if …}}` nests an if in `otherwise`. */
export interface BlockNode extends Delimited {
  readonly kind: 'if' | 'with' | 'range';
  readonly pipeline: Pipeline;
  readonly body: readonly TemplateNode[];
  readonly otherwise: readonly TemplateNode[];
}

/** `{{define "name"}} … {{end}}` (top level only): prints nothing; `{{template "name"}}` runs its body. */
export interface DefineNode extends Delimited {
  readonly kind: 'define';
  readonly name: string;
  readonly body: readonly TemplateNode[];
}

/** `{{template "name" [pipeline]}}`; `{{block "name" pipeline}} … {{end}}` also defines the body it runs. */
export interface TemplateCallNode extends Delimited {
  readonly kind: 'template';
  readonly name: string;
  readonly pipeline: Pipeline | undefined;
  readonly body?: readonly TemplateNode[];
}

export type TemplateNode = TextNode | ActionNode | BlockNode | DefineNode | TemplateCallNode;

/** The named templates a parsed template defines (`define`, and `block` wherever it stands), by name. */
export function namedTemplates(nodes: readonly TemplateNode[]): Map<string, readonly TemplateNode[]> {
  const found = new Map<string, readonly TemplateNode[]>();
  const walk = (list: readonly TemplateNode[]): void => {
    for (const node of list) {
      if (node.kind === 'define' || (node.kind === 'template' && node.body !== undefined)) {
        const body = node.body ?? [];
        // As Go: an empty definition does not replace one with content (the parser rejects two with content).
        if (!found.has(node.name) || !isEmptyBody(body)) found.set(node.name, body);
        walk(body);
      } else if (node.kind === 'if' || node.kind === 'with' || node.kind === 'range') {
        walk(node.body);
        walk(node.otherwise);
      }
    }
  };
  walk(nodes);
  return found;
}

/** Go's parse.IsEmptyTree: nothing but white space. */
export function isEmptyBody(body: readonly TemplateNode[]): boolean {
  return body.every((node) =>
    node.kind === 'text'
      ? node.text.trim() === ''
      : node.kind === 'action' && node.pipeline === undefined && node.loop === undefined,
  );
}

/** Calls `visit` on every pipeline of the tree, nested ones included (parenthesised arguments, block bodies). */
export function forEachPipeline(
  nodes: readonly TemplateNode[],
  visit: (pipeline: Pipeline, node: ActionNode | BlockNode | TemplateCallNode) => void,
): void {
  const walk = (pipeline: Pipeline, node: ActionNode | BlockNode | TemplateCallNode): void => {
    visit(pipeline, node);
    for (const command of pipeline.commands)
      for (const operand of command.operands) if (operand.kind === 'pipeline') walk(operand.pipeline, node);
  };
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    if (node.kind === 'define') {
      forEachPipeline(node.body, visit);
      continue;
    }
    if (node.pipeline) walk(node.pipeline, node);
    if (node.kind === 'template') forEachPipeline(node.body ?? [], visit);
    else if (node.kind !== 'action') {
      forEachPipeline(node.body, visit);
      forEachPipeline(node.otherwise, visit);
    }
  }
}
