// Packer's VariableParser: each JSON variable becomes a `variable` block of type string, or a local when its
// default calls a template function other than `env`; `sensitive-variables` carry over. Variables only used
// through `{{user}}` (set from var files) are declared too, without a default.

import type { RawTemplate } from '../template/raw-template.js';
import { attribute, hclBlock } from './hcl-body.js';
import { byteOrder } from './hcl-literal.js';
import { runTemplate, transposeTemplatingCalls, upgradeBlock } from './transpose.js';
import type { UpgradeState } from './upgrade-state.js';
import { referencedUserVariables, variableFunctions } from './variable-functions.js';

interface JsonVariable {
  readonly name: string;
  readonly value: string;
  readonly required: boolean;
}

export interface UpgradedVariables {
  readonly variables: string;
  readonly locals: string;
}

export function upgradeVariables(tpl: RawTemplate, rawText: string, state: UpgradeState): UpgradedVariables {
  const declared = new Map<string, JsonVariable>();
  for (const [name, value] of Object.entries(tpl.variables))
    declared.set(name, { name, value: typeof value === 'string' ? value : '', required: value === null });
  const all = new Map(declared);
  for (const name of referencedUserVariables(rawText))
    if (!all.has(name)) all.set(name, { name, value: '', required: true });
  let variables = '';
  let locals = '';
  let localsBody = '';
  for (const variable of [...all.values()].sort((a, b) => byteOrder(a.name, b.name))) {
    const sensitive = declared.has(variable.name) && tpl.sensitiveVariables.includes(variable.name);
    if (isLocal(variable.value)) {
      state.locals.add(variable.name);
      if (!sensitive) localsBody += attribute(variable.name, variable.value);
      else {
        const body = attribute('sensitive', true) + attribute('expression', variable.value);
        locals += upgradeBlock(`\n${hclBlock('local', [variable.name], body)}`, state);
      }
      continue;
    }
    let body = 'type = string\n';
    if (variable.value !== '' || !variable.required) body += attribute('default', variable.value);
    if (sensitive) body += attribute('sensitive', true);
    variables += variableBlock(`\n${hclBlock('variable', [variable.name], body)}`);
  }
  if (localsBody !== '') locals += upgradeBlock(`\n${hclBlock('locals', [], localsBody)}`, state);
  return { variables, locals };
}

/** A default that calls anything but `env` cannot be an HCL2 variable's default. */
function isLocal(value: string): boolean {
  let local = false;
  runTemplate(
    value,
    variableFunctions(() => {
      local = true;
    }),
  );
  return local;
}

function variableBlock(block: string): string {
  return transposeTemplatingCalls(
    block,
    variableFunctions(() => undefined),
  );
}
