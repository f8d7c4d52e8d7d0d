// Syntax tree of the Go text/template subset Kiln supports (actions, pipes, calls, fields, literals).

export type Operand =
  | { readonly kind: 'field'; readonly path: readonly string[]; readonly start: number }
  | { readonly kind: 'dot'; readonly start: number }
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
}

export interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}

export interface ActionNode {
  readonly kind: 'action';
  /** Undefined for comments `{{/* … *\/}}`. */
  readonly pipeline: Pipeline | undefined;
  /** The action exactly as written, delimiters included, so it can be kept for a later phase. */
  readonly source: string;
  readonly start: number;
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
}

export type TemplateNode = TextNode | ActionNode;
