// Packer's printVariables (`variables` in `packer console`, the start of `packer inspect` in HCL2 mode): every
// input variable and local, sorted, each value Go-quoted.

import type { Hcl2Config } from './load-config.js';
import { printableValue } from './printable-value.js';

export function printVariables(config: Pick<Hcl2Config, 'variables' | 'locals'>): string {
  const sorted = <T>(map: ReadonlyMap<string, T>) =>
    [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '> input-variables:\n\n';
  for (const [name, variable] of sorted(config.variables)) {
    const last = variable.values[variable.values.length - 1];
    out += `var.${name}: ${JSON.stringify(last ? printableValue(last.value) : '<unknown>')}\n`;
  }
  out += '\n> local-variables:\n\n';
  for (const [name, local] of sorted(config.locals))
    out += `local.${name}: ${JSON.stringify(printableValue(local.value))}\n`;
  return out;
}
