// src/hcl/functions: Packer's HCL2 function table (hcl2template/functions.go), one file per family. A caller passes
// packerFunctions(...) to EvalContext. Imports only src/hcl/eval (and node built-ins).

import type { HclFunction } from '../eval/context.js';
import { CIDR_FUNCTIONS } from './cidr.js';
import { LIST_FUNCTIONS } from './collection-lists.js';
import { MAP_FUNCTIONS } from './collection-maps.js';
import { CONVERSION_FUNCTIONS } from './conversion.js';
import { CRYPTO_FUNCTIONS } from './crypto.js';
import { ENCODING_FUNCTIONS } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { FORMAT_FUNCTIONS } from './format.js';
import { NUMERIC_FUNCTIONS } from './numeric.js';
import { REGEX_FUNCTIONS } from './regex.js';
import type { FunctionTable } from './spec.js';
import { STRING_FUNCTIONS } from './strings.js';
import { templateFileFunction } from './templatefile.js';
import { YAML_FUNCTIONS } from './yaml.js';

export type { FunctionTable } from './spec.js';

export interface FunctionOptions {
  /** Where relative paths in file functions resolve: the template's directory, as Packer's basedir. */
  readonly baseDir: string;
}

export function packerFunctions(options: FunctionOptions): FunctionTable {
  const table = new Map<string, HclFunction>();
  for (const family of [
    STRING_FUNCTIONS,
    REGEX_FUNCTIONS,
    FORMAT_FUNCTIONS,
    NUMERIC_FUNCTIONS,
    LIST_FUNCTIONS,
    MAP_FUNCTIONS,
    CONVERSION_FUNCTIONS,
    ENCODING_FUNCTIONS,
    YAML_FUNCTIONS,
    CRYPTO_FUNCTIONS,
    CIDR_FUNCTIONS,
    filesystemFunctions(options.baseDir),
    templateFileFunction(options.baseDir, () => table),
  ])
    for (const [name, fn] of family) table.set(name, fn);
  return table;
}
