// Templates: literals, interpolations converted to string, `%{if}` and `%{for}`. A template that is exactly one
// interpolation (`"${x}"`) yields x's value unconverted, as hclsyntax's TemplateWrapExpr.

import type { TemplateExpr, TemplatePart } from '../ast.js';
import type { EvalContext } from './context.js';
import { iterate } from './eval-for.js';
import type { Evaluation } from './evaluation.js';
import { asBool, asString, type HclValue, str, typeName } from './values.js';

export function evaluateTemplate(ev: Evaluation, expr: TemplateExpr, ctx: EvalContext): HclValue {
  const [only] = expr.parts;
  if (expr.parts.length === 1 && only?.kind === 'Interpolation') return ev.evaluate(only.expr, ctx);
  return str(renderParts(ev, expr.parts, ctx));
}

function renderParts(ev: Evaluation, parts: readonly TemplatePart[], ctx: EvalContext): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'Literal':
        out += part.value;
        break;
      case 'Interpolation': {
        const value = ev.evaluate(part.expr, ctx);
        const text = asString(value);
        if (text === undefined) {
          const detail =
            value.type === 'null'
              ? 'The expression result is null. Cannot include a null value in a string template.'
              : `Cannot include the given value in a string template: string required, not ${typeName(value)}.`;
          ev.fail('Invalid template interpolation value', detail, part.expr.range);
        }
        out += text;
        break;
      }
      case 'If': {
        const condition = asBool(ev.evaluate(part.condition, ctx));
        if (condition === undefined)
          ev.fail(
            'Invalid template if condition',
            'The condition value is invalid: a bool is required.',
            part.condition.range,
          );
        out += renderParts(ev, condition ? part.then : part.otherwise, ctx);
        break;
      }
      case 'For':
        for (const [key, value] of iterate(ev, ev.evaluate(part.collection, ctx), part.collection.range)) {
          const scope = new Map([[part.valueVar, value]]);
          if (part.keyVar !== undefined) scope.set(part.keyVar, key);
          out += renderParts(ev, part.body, ctx.with(scope));
        }
        break;
    }
  }
  return out;
}
