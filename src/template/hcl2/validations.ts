// `validation { condition, error_message }` in a variable block: decoded and checked as Packer's
// decodeVariableValidationBlock, then run against the variable's final value (validateValue).

import { asBool, EvalContext, type HclFunction, type HclValue, object } from '../../hcl/eval/index.js';
import type { Block } from '../../hcl/index.js';
import { bodyContent } from './body-schema.js';
import { type Diagnostics, rangeText } from './diagnostics.js';
import { evaluateInto, evaluateLiteral } from './evaluate-into.js';
import { referencesTo } from './references.js';
import type { VariableAssignment, VariableValidation } from './variable-model.js';

export function decodeValidation(
  variable: string,
  block: Block,
  ctx: EvalContext,
  diags: Diagnostics,
): VariableValidation | undefined {
  const before = diags.errors.length;
  const { attributes } = bodyContent(
    block.body,
    { attributes: ['condition', 'error_message'], required: ['condition', 'error_message'], blocks: {} },
    diags,
    block.openBraceRange,
  );
  const condition = attributes.get('condition');
  const message = attributes.get('error_message');
  if (!condition || !message) return undefined;
  const refs = referencesTo('var', condition.expr);
  const other = refs.find((ref) => ref.name !== variable);
  if (other)
    diags.error(
      'Invalid reference in variable validation',
      `The condition for variable "${variable}" can only refer to the variable itself, using var.${variable}.`,
      other.range,
    );
  else if (refs.length === 0)
    diags.error(
      'Invalid variable validation condition',
      `The condition for variable "${variable}" must refer to var.${variable} in order to test incoming values.`,
      condition.expr.range,
    );
  const text = evaluateLiteral(message.expr, ctx, diags);
  const errorMessage = text?.type === 'string' ? text.value : '';
  if (text !== undefined && errorMessage === '')
    diags.error(
      'Invalid validation error message',
      'An empty string is not a valid nor useful error message.',
      message.expr.range,
    );
  else if (text !== undefined && !looksLikeSentences(errorMessage))
    diags.error(
      'Invalid validation error message',
      'Validation error message must be at least one full sentence starting with an uppercase letter ( if the alphabet permits it ) and ending with a period or question mark.',
      message.expr.range,
    );
  if (diags.errors.length > before) return undefined;
  // hcl's DefRange of a block without labels: its type keyword.
  const declRange = block.typeRange;
  return { condition: condition.expr, errorMessage, declRange };
}

function looksLikeSentences(text: string): boolean {
  const chars = [...text];
  const first = chars[0] as string;
  const last = chars[chars.length - 1];
  if (/\p{L}/u.test(first) && !/\p{Lu}/u.test(first)) return false;
  return last === '.' || last === '?' || last === '!';
}

/** Runs every rule on the value in use (the last assignment), as Packer's validateValue. */
export function validateValue(
  name: string,
  rules: readonly VariableValidation[],
  assignment: VariableAssignment,
  functions: ReadonlyMap<string, HclFunction>,
  diags: Diagnostics,
): void {
  const ctx = new EvalContext(
    new Map<string, HclValue>([['var', object([[name, assignment.value]])]]),
    functions,
  );
  for (const rule of rules) {
    const result = evaluateInto(rule.condition, ctx, diags);
    if (result === undefined) continue;
    if (result.type === 'null') {
      diags.error(
        'Invalid variable validation result',
        'Validation condition expression must return either true or false, not null.',
        rule.condition.range,
      );
      continue;
    }
    const ok = asBool(result);
    if (ok === undefined) {
      diags.error(
        'Invalid variable validation result',
        'Invalid validation condition result value: a bool is required.',
        rule.condition.range,
      );
      continue;
    }
    if (!ok)
      diags.error(
        `Invalid value for ${assignment.from} variable`,
        `${rule.errorMessage}\n\nThis was checked by the validation rule at ${rangeText(rule.declRange)}.`,
        assignment.range ?? rule.declRange,
      );
  }
}
