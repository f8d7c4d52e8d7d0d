// Packer ≥ 1.7 reads HCL2 from a `.pkr.hcl` or `.pkr.json` file or a directory: its variables, locals and data
// sources are evaluated (src/template/hcl2), then its sources and builds into Kiln's template model
// (hcl2-build-template).

import { readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { str } from '../hcl/eval/index.js';
import { type FunctionTable, packerFunctions, type SecretValues } from '../hcl/functions/index.js';
import { STABLE_TIME } from './cache-key-render.js';
import { decodeHcl2Builds, type Hcl2Config, loadHcl2Config } from './hcl2/index.js';
import { hcl2LoadedTemplate } from './hcl2-build-template.js';
import type { LoadedTemplate } from './loaded-template.js';

/**
 * The Packer version HCL2 configurations are read as (`required_version`, `packer.version`): Kiln's HCL2 follows
 * hcl2template as of Packer 1.9.4, the last MPL release, whose source it was checked against. HCL2 came of age
 * after 1.6.6 (most HCL2 templates say `required_version = ">= 1.7.0"`); legacy JSON keeps 1.6.6.
 */
export const PACKER_HCL2_COMPAT_VERSION = '1.9.4';

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
  /** `inspect`: problems after parsing become warnings (Packer's inspect ignores its Initialize errors). */
  readonly keepGoing?: boolean;
  /** `path.cwd`; defaults to the current directory. */
  readonly cwd?: string;
  /** The template argument as the user gave it: `path.root` is its directory as written (Packer's Basedir),
   * relative when it was; absent, the absolute directory. */
  readonly templateArg?: string;
  /** The run's start (legacy_isotime, legacy_strftime); defaults to now. */
  readonly initTime?: Date;
  /** Snapshot-cache keys: `timestamp()`, the run's start and `uuidv4()` fixed (STABLE_TIME), as for JSON. */
  readonly stableClock?: boolean;
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
    functions: (secrets) => functionTable(baseDir, secrets, inputs),
    packerVersion: PACKER_HCL2_COMPAT_VERSION,
    pathRoot:
      inputs.templateArg === undefined
        ? baseDir
        : isDirectory
          ? inputs.templateArg
          : dirname(inputs.templateArg),
    cwd: inputs.cwd ?? process.cwd(),
    ...(inputs.allowUnset === undefined ? {} : { allowUnset: inputs.allowUnset }),
    ...(inputs.keepGoing === undefined ? {} : { keepGoing: inputs.keepGoing }),
  });
}

function functionTable(baseDir: string, secrets: SecretValues, inputs: Hcl2LoadInputs): FunctionTable {
  if (inputs.stableClock !== true)
    return packerFunctions({
      baseDir,
      secrets,
      ...(inputs.cwd ? { cwd: inputs.cwd } : {}),
      ...(inputs.initTime ? { initTime: inputs.initTime } : {}),
    });
  const { initTime, fixedUuid } = STABLE_TIME;
  const cwd = inputs.cwd ? { cwd: inputs.cwd } : {};
  const table = new Map(packerFunctions({ baseDir, secrets, initTime, now: () => initTime, ...cwd }));
  table.set('uuidv4', { call: () => str(fixedUuid) });
  return table;
}

/**
 * loadTemplate for HCL2: every (build, source) pair evaluated into Kiln's template model. `validate
 * -syntax-only` (allowUnset) only checks the blocks' structure, as Packer's parser does, and builds nothing.
 */
export async function loadHcl2AsTemplate(
  path: string,
  inputs: Hcl2LoadInputs & { readonly cwd: string; readonly initTime: Date },
): Promise<LoadedTemplate> {
  const config = await loadHcl2Template(path, inputs);
  const context = { cwd: inputs.cwd, initTime: inputs.initTime, env: inputs.env };
  if (inputs.allowUnset !== true) {
    // What the snapshot cache hashes: the same configuration evaluated at a fixed time with a fixed uuid
    // (data sources run again for it).
    const stable = await loadHcl2Template(path, { ...inputs, stableClock: true });
    return { ...hcl2LoadedTemplate(config, context), cacheKeyRaw: hcl2LoadedTemplate(stable, context).raw };
  }
  decodeHcl2Builds(config);
  return hcl2LoadedTemplate({ ...config, otherBlocks: [] }, context, { allowNoBuild: true });
}
