// `variable "name" { type, default, description, sensitive, validation {…} }` and the legacy `variables { name =
// default }` block, decoded as Packer's decodeVariableBlock / decodeVariable.

import type { EvalContext } from '../../hcl/eval/index.js';
import { type Block, staticExpression } from '../../hcl/index.js';
import {
  ConversionError,
  convertValue,
  parseTypeConstraint,
  TypeSpecError,
  typeOfValue,
} from '../../hcl/types/index.js';
import { BAD_IDENTIFIER_DETAIL, bodyContent, bodyItems, isValidIdentifier } from './body-schema.js';
import type { Diagnostics } from './diagnostics.js';
import { decodeValue, evaluateInto, evaluateLiteral } from './evaluate-into.js';
import { decodeValidation } from './validations.js';
import type { InputVariable } from './variable-model.js';
import { isEmptyStructure } from './variable-types.js';

export function decodeVariableBlock(
  block: Block,
  variables: Map<string, InputVariable>,
  ctx: EvalContext,
  diags: Diagnostics,
): void {
  const label = block.labels[0];
  if (label === undefined) return;
  const name = label.value;
  if (variables.has(name)) {
    diags.error('Duplicate variable', `Duplicate ${name} variable definition found.`, block.typeRange);
    return;
  }
  if (!isValidIdentifier(name)) {
    diags.error('Invalid variable name', BAD_IDENTIFIER_DETAIL, label.range);
    return;
  }
  const content = bodyContent(
    block.body,
    { attributes: ['description', 'default', 'type', 'sensitive'], blocks: { validation: [] } },
    diags,
    block.openBraceRange,
  );
  const variable: InputVariable = {
    name,
    type: undefined,
    description: '',
    sensitive: false,
    validations: [],
    values: [],
    range: block.typeRange,
  };
  const { attributes } = content;
  const description = attributes.get('description');
  if (description)
    variable.description = decodeValue(description.expr, 'string', ctx, diags, evaluateLiteral) ?? '';
  const type = attributes.get('type');
  if (type) {
    try {
      variable.type = parseTypeConstraint(staticExpression(type.expr));
    } catch (error) {
      if (!(error instanceof TypeSpecError)) throw error;
      diags.error(error.summary, error.detail, error.range);
      return;
    }
  }
  const sensitive = attributes.get('sensitive');
  if (sensitive)
    variable.sensitive = decodeValue(sensitive.expr, 'bool', ctx, diags, evaluateLiteral) ?? false;
  const def = attributes.get('default');
  if (def) {
    let value = evaluateInto(def.expr, ctx, diags);
    if (value === undefined) return;
    if (variable.type) {
      try {
        value = convertValue(value, variable.type);
      } catch (error) {
        if (!(error instanceof ConversionError)) throw error;
        diags.error(
          'Invalid default value for variable',
          `This default value is not compatible with the variable's type constraint: ${error.message}.`,
          def.expr.range,
        );
        return;
      }
    } else if (!isEmptyStructure(value) && value.type !== 'null') variable.type = typeOfValue(value);
    variable.values.push({ from: 'default', value, range: def.expr.range });
  }
  for (const validation of content.blocks) {
    const decoded = decodeValidation(name, validation, ctx, diags);
    if (decoded) variable.validations.push(decoded);
  }
  variables.set(name, variable);
}

/** `variables { name = default }`: each attribute is a variable typed after its value. */
export function decodeVariablesBlock(
  block: Block,
  variables: Map<string, InputVariable>,
  ctx: EvalContext,
  diags: Diagnostics,
): void {
  for (const item of bodyItems(block.body, diags)) {
    if (item.kind === 'Block') {
      diags.error('Unexpected block', `Blocks are not allowed here.`, item.typeRange);
      continue;
    }
    if (variables.has(item.name)) {
      diags.error('Duplicate variable', `Duplicate ${item.name} variable definition found.`, item.nameRange);
      continue;
    }
    const value = evaluateInto(item.expr, ctx, diags);
    if (value === undefined) continue;
    variables.set(item.name, {
      name: item.name,
      type: value.type === 'null' ? undefined : typeOfValue(value),
      description: '',
      sensitive: false,
      validations: [],
      values: [{ from: 'default', value, range: item.expr.range }],
      range: item.range,
    });
  }
}
