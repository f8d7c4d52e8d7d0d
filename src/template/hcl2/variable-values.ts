// Values for input variables from outside the configuration, in Packer's order (collectInputVariableValues):
// PKR_VAR_name environment variables, then var files (auto-loaded, then -var-file), then -var arguments. Each
// appends an assignment; the last one is the value.

import { EvalContext, type HclValue, str } from '../../hcl/eval/index.js';
import { type Expression, type HclSourceFile, HclSyntaxError, parseHclExpression } from '../../hcl/index.js';
import { ConversionError, convertValue } from '../../hcl/types/index.js';
import { bodyContent, bodyItems } from './body-schema.js';
import { Diagnostics } from './diagnostics.js';
import { evaluateInto } from './evaluate-into.js';
import type { AssignmentSource, InputVariable } from './variable-model.js';
import { takesLiteralText } from './variable-types.js';

export const VAR_ENV_PREFIX = 'PKR_VAR_';

export interface ExternalValues {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly varFiles: readonly HclSourceFile[];
  /** `-var name=value` in command-line order; a later one for the same name wins. */
  readonly vars: readonly (readonly [string, string])[];
}

export function collectVariableValues(
  variables: ReadonlyMap<string, InputVariable>,
  values: ExternalValues,
  diags: Diagnostics,
): void {
  const none = new EvalContext();
  for (const [key, text] of Object.entries(values.env)) {
    if (!key.startsWith(VAR_ENV_PREFIX) || text === undefined) continue;
    const variable = variables.get(key.slice(VAR_ENV_PREFIX.length));
    if (variable) assignText(variable, text, 'env', diags);
  }
  for (const file of values.varFiles) {
    // As Packer, variable blocks are looked for first (declaring one here is a common mistake), without the
    // probe's own complaints.
    const probe = { attributes: [], blocks: { variable: ['name'] }, partial: true };
    const scratch = new Diagnostics(diags.texts);
    const declarations = bodyContent(file.body, probe, scratch, file.body.range).blocks;
    for (const block of declarations) {
      const name = block.labels[0]?.value ?? '';
      diags.error(
        'Variable declaration in a .pkrvar file',
        `A .pkrvar file is used to assign values to variables that have already been declared in .pkr files, not to declare new variables. To declare variable "${name}", place this block in one of your .pkr files, such as variables.pkr.hcl\n\nTo set a value for this variable in ${file.file}, use the definition syntax instead:\n    ${name} = <value>`,
        block.typeRange,
      );
    }
    if (declarations.length > 0) return;
    for (const item of bodyItems(file.body, diags)) {
      if (item.kind === 'Block') {
        diags.error(`Unexpected "${item.type}" block`, 'Blocks are not allowed here.', item.typeRange);
        continue;
      }
      const variable = variables.get(item.name);
      if (!variable) {
        diags.warn(
          'Undefined variable',
          `The variable "${item.name}" was set but was not declared as an input variable.\nTo declare variable "${item.name}" place this block in one of your .pkr.hcl files, such as variables.pkr.hcl\n\nvariable "${item.name}" {\n  type    = string\n  default = null\n}`,
          item.range,
        );
        continue;
      }
      const value = evaluateInto(item.expr, none, diags);
      if (value !== undefined) assign(variable, value, 'varfile', item.expr, diags);
    }
  }
  const lastByName = new Map(values.vars.map(([name, text]) => [name, text]));
  for (const [name, text] of lastByName) {
    const variable = variables.get(name);
    if (!variable) {
      diags.error(
        'Undefined -var variable',
        `A "${name}" variable was passed in the command line but was not found in known variables. To declare variable "${name}", place this block in one of your .pkr files, such as variables.pkr.hcl`,
      );
      continue;
    }
    assignText(variable, text, 'cmd', diags);
  }
}

/** expressionFromVariableDefinition: the literal text for string, number and untyped variables, else parsed. */
function assignText(variable: InputVariable, text: string, from: 'env' | 'cmd', diags: Diagnostics): void {
  if (takesLiteralText(variable.type)) {
    assign(variable, str(text), from, undefined, diags);
    return;
  }
  const file = `<value for var.${variable.name} from ${from === 'env' ? 'env' : 'arguments'}>`;
  let expr: Expression;
  try {
    expr = parseHclExpression(file, text);
  } catch (error) {
    if (!(error instanceof HclSyntaxError)) throw error;
    diags.error(error.summary, error.detail, error.range);
    return;
  }
  const value = evaluateInto(expr, new EvalContext(), diags);
  if (value !== undefined) assign(variable, value, from, expr, diags);
}

function assign(
  variable: InputVariable,
  raw: HclValue,
  from: AssignmentSource,
  expr: Expression | undefined,
  diags: Diagnostics,
): void {
  let value = raw;
  if (variable.type) {
    try {
      value = convertValue(raw, variable.type);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      if (from === 'cmd')
        diags.error(
          'Invalid argument value for -var variable',
          `The received arg value for ${variable.name} is not compatible with the variable's type constraint: ${error.message}.`,
        );
      else
        diags.error(
          'Invalid value for variable',
          `The value for ${variable.name} is not compatible with the variable's type constraint: ${error.message}.`,
          expr?.range,
        );
      return;
    }
  }
  variable.values.push({ from, value, range: expr?.range });
}
