// Packer ≥ 1.7 reads HCL2 from a `.pkr.hcl` or `.pkr.json` file or a directory. Kiln evaluates its variables and locals
// (src/template/hcl2) — so their errors are real errors, with their position — but not yet its sources and
// builds: after that it says so instead of failing as bad JSON.

import { readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { TemplateError } from '../core/errors.js';
import { PACKER_COMPAT_VERSION } from '../gotemplate/functions/builtin-functions.js';
import { packerFunctions } from '../hcl/functions/index.js';
import { type Hcl2Config, loadHcl2Config } from './hcl2/index.js';

/**
 * Packer's rule: a file named *.pkr.hcl / *.pkr.json, or a directory, is an HCL2 template. A directory without
 * such files keeps the plain "cannot read template" error.
 */
export async function isHcl2TemplatePath(path: string): Promise<boolean> {
  if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json')) return true;
  if ((await stat(path).catch(() => undefined))?.isDirectory() !== true) return false;
  const names = await readdir(path).catch(() => []);
  return names.some(
    (name) => !name.startsWith('.') && (name.endsWith('.pkr.hcl') || name.endsWith('.pkr.json')),
  );
}

export interface Hcl2LoadInputs {
  readonly vars?: readonly (readonly [string, string])[];
  readonly varFiles?: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `console` and `inspect`: a variable without a value is not an error. */
  readonly allowUnset?: boolean;
}

/** Loads the variables and locals with Packer's function table, checking `required_version` against Kiln's. */
export async function loadHcl2Template(path: string, inputs: Hcl2LoadInputs): Promise<Hcl2Config> {
  // Packer's path.root: file functions resolve relative paths against the template's directory.
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() === true;
  const baseDir = resolve(isDirectory ? path : dirname(path));
  return loadHcl2Config(path, {
    vars: inputs.vars ?? [],
    varFiles: inputs.varFiles ?? [],
    env: inputs.env,
    functions: (secrets) => packerFunctions({ baseDir, secrets }),
    packerVersion: PACKER_COMPAT_VERSION,
    ...(inputs.allowUnset === undefined ? {} : { allowUnset: inputs.allowUnset }),
  });
}

/** Throws: the first problem of the variables and locals, else that building from HCL2 is not implemented. */
export async function rejectHcl2Template(path: string, inputs: Hcl2LoadInputs): Promise<never> {
  const config = await loadHcl2Template(path, inputs);
  const count = config.files.length;
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() === true;
  const what = isDirectory
    ? `HCL2 template directory (${count} file${count === 1 ? '' : 's'})`
    : 'HCL2 template';
  throw new TemplateError(
    { file: path },
    [
      `${what}: evaluating HCL2 is not implemented yet in Kiln beyond variables and locals (its syntax, variables and locals were checked and are valid)`,
    ],
    {
      code: 'hcl2-not-implemented',
      hint: 'Kiln builds from Packer JSON templates for now; `kiln console` evaluates HCL2 variables and locals, `kiln fmt` formats HCL2 files.',
    },
  );
}
