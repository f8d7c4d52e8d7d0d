// The HCL native-syntax tree, shaped for evaluation (next: src/hcl/eval) and for Kiln's template model. Every node
// has a `range`; names follow hclsyntax's node types so its spec and evaluator map one to one.

import type { JsonBody } from './json/json-ast.js';
import type { Locator, SourceRange } from './source-range.js';

export interface Body {
  readonly kind: 'Body';
  readonly items: readonly (Attribute | NativeBlock)[];
  readonly range: SourceRange;
}

export interface Attribute {
  readonly kind: 'Attribute';
  readonly name: string;
  readonly nameRange: SourceRange;
  readonly expr: Expression;
  readonly range: SourceRange;
}

export interface BlockLabel {
  readonly value: string;
  /** `"name"` or bare `name`. */
  readonly quoted: boolean;
  readonly range: SourceRange;
}

export interface Block {
  readonly kind: 'Block';
  readonly type: string;
  readonly typeRange: SourceRange;
  readonly labels: readonly BlockLabel[];
  /** A block decoded from a `.pkr.json` file has a JSON body: read it through a schema (bodyContent). */
  readonly body: Body | JsonBody;
  /** `name { a = 1 }` on one line. */
  readonly singleLine: boolean;
  readonly openBraceRange: SourceRange;
  readonly closeBraceRange: SourceRange;
  readonly range: SourceRange;
}

/** A block parsed from native syntax: its body is native too. */
export interface NativeBlock extends Block {
  readonly body: Body;
}

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type Expression =
  | { readonly kind: 'Number'; readonly text: string; readonly range: SourceRange }
  | { readonly kind: 'Bool'; readonly value: boolean; readonly range: SourceRange }
  | { readonly kind: 'Null'; readonly range: SourceRange }
  | TemplateExpr
  | { readonly kind: 'Variable'; readonly name: string; readonly range: SourceRange }
  | {
      readonly kind: 'GetAttr';
      readonly source: Expression;
      readonly name: string;
      readonly range: SourceRange;
    }
  | IndexExpr
  | SplatExpr
  /** What each element of a splat's source is bound to inside `each`. */
  | { readonly kind: 'SplatItem'; readonly range: SourceRange }
  | FunctionCall
  | { readonly kind: 'Tuple'; readonly items: readonly Expression[]; readonly range: SourceRange }
  | ObjectExpr
  | { readonly kind: 'Paren'; readonly expr: Expression; readonly range: SourceRange }
  | {
      readonly kind: 'Unary';
      readonly op: '!' | '-';
      readonly operand: Expression;
      readonly range: SourceRange;
    }
  | BinaryExpr
  | ConditionalExpr
  | ForExpr;

export interface IndexExpr {
  readonly kind: 'Index';
  readonly source: Expression;
  readonly key: Expression;
  /** `a.0` rather than `a[0]`. */
  readonly legacy: boolean;
  readonly range: SourceRange;
}

export interface SplatExpr {
  readonly kind: 'Splat';
  readonly source: Expression;
  /** The traversal applied to each element, rooted at a SplatItem. */
  readonly each: Expression;
  /** `[*]` (full) or `.*` (attribute-only). */
  readonly full: boolean;
  readonly range: SourceRange;
}

export interface FunctionCall {
  readonly kind: 'FunctionCall';
  /** `provider::ns::name` → ['provider', 'ns', 'name']; a plain call has one part. */
  readonly name: readonly string[];
  readonly args: readonly Expression[];
  /** The last argument ends in `...`: its elements become the arguments. */
  readonly expandFinal: boolean;
  readonly nameRange: SourceRange;
  readonly range: SourceRange;
}

export interface ObjectItem {
  readonly key: ObjectKey;
  readonly value: Expression;
  readonly range: SourceRange;
}

/** A bare identifier key (`name = …`) is the string "name", not a variable reference; `(name)` is a reference. */
export interface ObjectKey {
  readonly expr: Expression;
  readonly bareword: string | undefined;
  readonly range: SourceRange;
}

export interface ObjectExpr {
  readonly kind: 'Object';
  readonly items: readonly ObjectItem[];
  readonly range: SourceRange;
}

export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly range: SourceRange;
}

export interface ConditionalExpr {
  readonly kind: 'Conditional';
  readonly condition: Expression;
  readonly then: Expression;
  readonly otherwise: Expression;
  readonly range: SourceRange;
}

export interface ForExpr {
  readonly kind: 'For';
  readonly keyVar: string | undefined;
  readonly valueVar: string;
  readonly collection: Expression;
  /** Set in the object form `{for … : key => value}`. */
  readonly keyExpr: Expression | undefined;
  readonly valueExpr: Expression;
  readonly condition: Expression | undefined;
  /** `value...`: values with the same key are grouped into a tuple. */
  readonly group: boolean;
  readonly range: SourceRange;
}

/** A quoted string or heredoc. Literal text is already unescaped, stripped (`~`) and flushed (`<<-`). */
export interface TemplateExpr {
  readonly kind: 'Template';
  readonly parts: readonly TemplatePart[];
  readonly heredoc: { readonly marker: string; readonly flush: boolean } | undefined;
  readonly range: SourceRange;
  /** A JSON string read as a template: its text is still needed as a literal or as a native expression. */
  readonly json?: JsonStringSource;
}

/** A JSON string's value, with where each of its characters sits in the file. */
export interface JsonStringSource {
  readonly value: string;
  readonly locator: Locator;
}

export type TemplatePart =
  | { readonly kind: 'Literal'; readonly value: string; readonly range: SourceRange }
  | { readonly kind: 'Interpolation'; readonly expr: Expression; readonly range: SourceRange }
  | TemplateIf
  | TemplateFor;

export interface TemplateIf {
  readonly kind: 'If';
  readonly condition: Expression;
  readonly then: readonly TemplatePart[];
  readonly otherwise: readonly TemplatePart[];
  readonly range: SourceRange;
}

export interface TemplateFor {
  readonly kind: 'For';
  readonly keyVar: string | undefined;
  readonly valueVar: string;
  readonly collection: Expression;
  readonly body: readonly TemplatePart[];
  readonly range: SourceRange;
}
