// Loads an HCL2 configuration as far as Kiln evaluates it: files and var files, the `packer` block, input
// variables with their values (defaults < PKR_VAR_ env < var files < -var) and validations, then locals.
// Sensitive values are collected so every message and output can be redacted.

import { createRedactor, type Redactor } from '../../core/redact.js';
import {
  EvalContext,
  type HclFunction,
  type HclValue,
  isMapping,
  isSequence,
  object,
  str,
} from '../../hcl/eval/index.js';
import {
  envFunction,
  findSecretLookups,
  type SecretValues,
  secretLookupKey,
} from '../../hcl/functions/index.js';
import type { Block, HclSourceFile } from '../../hcl/index.js';
import { readSecretLookups } from '../../secrets/index.js';
import { bodyContent } from './body-schema.js';
import { readHcl2Sources } from './config-files.js';
import { evaluateDataSources } from './data-sources.js';
import { Diagnostics } from './diagnostics.js';
import { decodeVariableBlock, decodeVariablesBlock } from './input-variables.js';
import {
  decodeLocalBlock,
  decodeLocalsBlock,
  type EvaluatedLocal,
  evaluateLocals,
  type LocalDefinition,
} from './locals.js';
import { checkPackerBlock } from './packer-block.js';
import { validateValue } from './validations.js';
import type { InputVariable } from './variable-model.js';
import { collectVariableValues } from './variable-values.js';

export interface LoadHcl2Options {
  readonly vars: readonly (readonly [string, string])[];
  readonly varFiles: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Packer's function table, given the vault()/consul_key() values read before evaluation. */
  readonly functions: (secrets: SecretValues) => ReadonlyMap<string, HclFunction>;
  /** The Packer version `required_version` is checked against. */
  readonly packerVersion: string;
  /** `console`: a variable without a value is left unknown instead of being an error (as Packer's console). */
  readonly allowUnset?: boolean;
  /** `inspect`: problems after parsing (validations, locals, data sources) become warnings, as Packer ignores them. */
  readonly keepGoing?: boolean;
  /** `path.root` (the template's directory) and `path.cwd`; both default to the current directory. */
  readonly pathRoot?: string;
  readonly cwd?: string;
}

export interface Hcl2Config {
  readonly path: string;
  readonly files: readonly HclSourceFile[];
  readonly variables: ReadonlyMap<string, InputVariable>;
  readonly locals: ReadonlyMap<string, EvaluatedLocal>;
  readonly functions: ReadonlyMap<string, HclFunction>;
  /** The string values inside sensitive variables and locals. */
  readonly sensitiveValues: readonly string[];
  readonly redact: Redactor;
  /** Formatted and redacted. */
  readonly warnings: readonly string[];
  /** `var`, `local`, `data`, `path` and `packer`: what every expression outside a source or build sees. */
  readonly scope: ReadonlyMap<string, HclValue>;
  /** The `source` and `build` blocks, evaluated by sources.ts and builds.ts. */
  readonly otherBlocks: readonly Block[];
}

const TOP_LEVEL = {
  attributes: [],
  blocks: {
    packer: [],
    variable: ['name'],
    variables: [],
    locals: [],
    local: ['name'],
    source: ['type', 'name'],
    data: ['type', 'name'],
    build: [],
  },
} as const;

export async function loadHcl2Config(path: string, options: LoadHcl2Options): Promise<Hcl2Config> {
  const sources = await readHcl2Sources(path, options.varFiles);
  const files = sources.configFiles;
  // HCL functions are synchronous: the stores are read first, for every call with literal arguments.
  const secrets = await readSecretLookups(
    findSecretLookups(files.map((f) => f.body)),
    options.env,
    secretLookupKey,
  );
  const functions = options.functions(secrets);
  const diags = new Diagnostics(new Map([...files, ...sources.varFiles].map((f) => [f.file, f.text])));
  const blocks = files.flatMap((file) => bodyContent(file.body, TOP_LEVEL, diags, file.body.range).blocks);
  // As Packer: a configuration for another version stops here, before its other errors.
  const versionDiags = new Diagnostics(diags.texts);
  for (const block of blocks.filter((b) => b.type === 'packer'))
    checkPackerBlock(block, options.packerVersion, versionDiags);
  versionDiags.throwIfErrors(path, (text) => text);
  diags.warnings.push(...versionDiags.warnings);

  const functionsOnly = new EvalContext(new Map(), functions);
  // As Packer's decodeInputVariables: a variable's default may call env() and no other function.
  const defaults = new EvalContext(new Map(), new Map([['env', envFunction(options.env)]]));
  const variables = new Map<string, InputVariable>();
  const definitions: LocalDefinition[] = [];
  for (const block of blocks) {
    if (block.type === 'variable') decodeVariableBlock(block, variables, defaults, diags);
    else if (block.type === 'variables') decodeVariablesBlock(block, variables, defaults, diags);
    else if (block.type === 'locals') decodeLocalsBlock(block, definitions, diags);
    else if (block.type === 'local') decodeLocalBlock(block, definitions, functionsOnly, diags);
  }
  collectVariableValues(
    variables,
    { env: options.env, varFiles: sources.varFiles, vars: options.vars },
    diags,
  );
  // Packer parses this far in GetConfig; inspect ignores what its Initialize finds after (see keepGoing).
  const parseErrors = diags.errors.length;
  for (const variable of variables.values()) {
    const assignment = variable.values[variable.values.length - 1];
    if (assignment) validateValue(variable.name, variable.validations, assignment, functions, diags);
    else if (!options.allowUnset)
      diags.error(
        `Unset variable "${variable.name}"`,
        'A used variable must be set or have a default value; see https://packer.io/docs/templates/hcl_templates/syntax for details.',
        variable.range,
      );
  }
  const cwd = options.cwd ?? process.cwd();
  const roots = new Map<string, HclValue>([
    ['var', variableValues(variables)],
    [
      'path',
      object([
        ['cwd', str(cwd)],
        ['root', str(options.pathRoot ?? cwd)],
      ]),
    ],
    ['packer', object([['version', str(options.packerVersion)]])],
  ]);
  // As Packer's Initialize: data sources see variables (and each other), locals see the data sources.
  const dataBlocks = blocks.filter((b) => b.type === 'data');
  const data = await evaluateDataSources(
    dataBlocks,
    (done) => new EvalContext(new Map([...roots, ['local', object([])], ['data', done]]), functions),
    diags,
  );
  roots.set('data', data);
  const locals = evaluateLocals(definitions, roots, functions, diags);
  roots.set('local', object([...locals].map(([name, local]) => [name, local.value])));

  const sensitiveValues = [
    ...[...variables.values()].filter((v) => v.sensitive).map((v) => v.values[v.values.length - 1]?.value),
    ...[...locals.values()].filter((l) => l.sensitive).map((l) => l.value),
  ].flatMap((value) => (value === undefined ? [] : stringsIn(value)));
  const redact = createRedactor(sensitiveValues);
  if (options.keepGoing) diags.warnings.push(...diags.errors.splice(parseErrors));
  diags.throwIfErrors(path, redact);
  return {
    path,
    files,
    variables,
    locals,
    functions,
    sensitiveValues,
    redact,
    warnings: diags.warnings.map((w) => redact(diags.format(w))),
    scope: roots,
    otherBlocks: blocks.filter((b) => b.type === 'source' || b.type === 'build'),
  };
}

/** `var`: each variable that has a value. */
export function variableValues(variables: ReadonlyMap<string, InputVariable>): HclValue {
  return object(
    [...variables.values()].flatMap((v) => {
      const last = v.values[v.values.length - 1];
      return last ? [[v.name, last.value] as const] : [];
    }),
  );
}

/** What expressions in the configuration see: `var`, `local`, `data`, `path`, `packer` and the functions. */
export function configEvalContext(config: Hcl2Config): EvalContext {
  return new EvalContext(config.scope, config.functions);
}

/** Packer registers every string nested in a sensitive value as a secret (filterVarsFromLogs). */
function stringsIn(value: HclValue): string[] {
  if (value.type === 'string') return value.value === '' ? [] : [value.value];
  if (isSequence(value)) return value.items.flatMap(stringsIn);
  if (isMapping(value)) return [...value.attrs.values()].flatMap(stringsIn);
  return [];
}
