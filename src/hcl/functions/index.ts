// src/hcl/functions: Packer's HCL2 function table (hcl2template/functions.go), one file per family. A caller passes
// packerFunctions(...) to EvalContext. Imports src/hcl/eval, src/hcl/types, src/core's Go time and duration
// formats, node built-ins and bcryptjs.

import type { HclFunction } from '../eval/context.js';
import { bcryptFunction } from './bcrypt.js';
import { CIDR_FUNCTIONS } from './cidr.js';
import { LIST_FUNCTIONS } from './collection-lists.js';
import { MAP_FUNCTIONS } from './collection-maps.js';
import { CONVERSION_FUNCTIONS } from './conversion.js';
import { CRYPTO_FUNCTIONS } from './crypto.js';
import { dateTimeFunctions } from './datetime.js';
import { ENCODING_FUNCTIONS } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { FORMAT_FUNCTIONS } from './format.js';
import { NUMERIC_FUNCTIONS } from './numeric.js';
import { PREDICATE_FUNCTIONS } from './predicates.js';
import { REGEX_FUNCTIONS } from './regex.js';
import { type SecretValues, secretFunctions } from './secrets.js';
import type { FunctionTable } from './spec.js';
import { STRING_FUNCTIONS } from './strings.js';
import { templateFileFunction } from './templatefile.js';
import { TIME_PARTS_FUNCTIONS } from './time-parts.js';
import { YAML_FUNCTIONS } from './yaml.js';

export { envFunction } from './env.js';
export {
  findSecretLookups,
  type SecretLookup,
  type SecretValues,
  secretLookupKey,
} from './secrets.js';
export type { FunctionTable } from './spec.js';

export interface FunctionOptions {
  /** Where relative paths in file functions resolve: the template's directory, as Packer's basedir. */
  readonly baseDir: string;
  /** The working directory abspath() resolves against; default: the process's. */
  readonly cwd?: string;
  /** The run's start, which legacy_isotime and legacy_strftime show (Packer's initTime); default: now. */
  readonly initTime?: Date;
  /** The clock timestamp() reads; default: the system's. */
  readonly now?: () => Date;
  /** vault() and consul_key() values read before evaluation (findSecretLookups); default: none. */
  readonly secrets?: SecretValues;
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
    PREDICATE_FUNCTIONS,
    CRYPTO_FUNCTIONS,
    new Map([['bcrypt', bcryptFunction]]),
    CIDR_FUNCTIONS,
    dateTimeFunctions({ initTime: options.initTime ?? new Date(), now: options.now ?? (() => new Date()) }),
    TIME_PARTS_FUNCTIONS,
    secretFunctions(options.secrets ?? new Map()),
    filesystemFunctions(options.baseDir, options.cwd),
    templateFileFunction(options.baseDir, () => table),
  ])
    for (const [name, fn] of family) table.set(name, fn);
  return table;
}
