// The `root.name` references an expression makes (`var.x`, `local.y`, `local["y"]`), as Packer's
// GetVarsByType finds a local's dependencies and a validation's variable.

import type { Expression, SourceRange, TemplatePart } from '../../hcl/index.js';

export interface Reference {
  readonly name: string;
  readonly range: SourceRange;
}

export function referencesTo(root: string, expr: Expression): Reference[] {
  const found: Reference[] = [];
  walk(expr, root, found);
  return found;
}

function walk(expr: Expression, root: string, found: Reference[]): void {
  const each = (e: Expression): void => walk(e, root, found);
  switch (expr.kind) {
    case 'GetAttr':
      if (expr.source.kind === 'Variable' && expr.source.name === root)
        found.push({ name: expr.name, range: expr.range });
      else each(expr.source);
      return;
    case 'Index': {
      const key = literalText(expr.key);
      if (expr.source.kind === 'Variable' && expr.source.name === root && key !== undefined)
        found.push({ name: key, range: expr.range });
      else each(expr.source);
      each(expr.key);
      return;
    }
    case 'Splat':
      each(expr.source);
      each(expr.each);
      return;
    case 'FunctionCall':
    case 'Tuple':
      for (const arg of expr.kind === 'Tuple' ? expr.items : expr.args) each(arg);
      return;
    case 'Object':
      for (const item of expr.items) {
        if (item.key.bareword === undefined) each(item.key.expr);
        each(item.value);
      }
      return;
    case 'Paren':
      each(expr.expr);
      return;
    case 'Unary':
      each(expr.operand);
      return;
    case 'Binary':
      each(expr.left);
      each(expr.right);
      return;
    case 'Conditional':
      each(expr.condition);
      each(expr.then);
      each(expr.otherwise);
      return;
    case 'For':
      for (const e of [expr.collection, expr.keyExpr, expr.valueExpr, expr.condition]) if (e) each(e);
      return;
    case 'Template':
      walkParts(expr.parts, root, found);
      return;
    default:
      return;
  }
}

function walkParts(parts: readonly TemplatePart[], root: string, found: Reference[]): void {
  for (const part of parts) {
    if (part.kind === 'Interpolation') walk(part.expr, root, found);
    else if (part.kind === 'If') {
      walk(part.condition, root, found);
      walkParts(part.then, root, found);
      walkParts(part.otherwise, root, found);
    } else if (part.kind === 'For') {
      walk(part.collection, root, found);
      walkParts(part.body, root, found);
    }
  }
}

function literalText(expr: Expression): string | undefined {
  if (expr.kind !== 'Template') return undefined;
  const [only] = expr.parts;
  return expr.parts.length === 1 && only?.kind === 'Literal' ? only.value : undefined;
}
