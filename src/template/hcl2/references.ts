// The `root.name` references an expression makes (`var.x`, `local.y`, `local["y"]`), as Packer's
// GetVarsByType finds a local's dependencies and a validation's variable.

import type { Expression, SourceRange } from '../../hcl/index.js';
import { forEachExpression, literalText } from '../../hcl/index.js';

export interface Reference {
  readonly name: string;
  readonly range: SourceRange;
}

export function referencesTo(root: string, expr: Expression): Reference[] {
  const found: Reference[] = [];
  forEachExpression(expr, (e) => {
    if (
      (e.kind !== 'GetAttr' && e.kind !== 'Index') ||
      e.source.kind !== 'Variable' ||
      e.source.name !== root
    )
      return;
    const name = e.kind === 'GetAttr' ? e.name : literalText(e.key);
    if (name !== undefined) found.push({ name, range: e.range });
  });
  return found;
}
