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

export type TemplateNode = TextNode | ActionNode | BlockNode;

/** Calls `visit` on every pipeline of the tree, nested ones included (parenthesised arguments, block bodies). */
export function forEachPipeline(
  nodes: readonly TemplateNode[],
  visit: (pipeline: Pipeline, node: ActionNode | BlockNode) => void,
): void {
  const walk = (pipeline: Pipeline, node: ActionNode | BlockNode): void => {
    visit(pipeline, node);
    for (const command of pipeline.commands)
      for (const operand of command.operands) if (operand.kind === 'pipeline') walk(operand.pipeline, node);
  };
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    if (node.pipeline) walk(node.pipeline, node);
    if (node.kind !== 'action') {
      forEachPipeline(node.body, visit);
      forEachPipeline(node.otherwise, visit);
    }
  }
}
