// loadTemplate: read and parse the file, check its structure, resolve user variables — all problems at once.

import { resolve } from 'node:path';
import { TemplateError } from '../core/errors.js';
import { createRedactor } from '../core/redact.js';
import { type FixChange, FixError, fixTemplate } from '../fix/index.js';
import { PACKER_COMPAT_VERSION } from '../gotemplate/functions/builtin-functions.js';
import type { JsonValue } from '../json/json-value.js';
import { type ParsedDocument, readTemplateFile } from '../json/parse-template-file.js';
import { keepNamesOfRetypedBuilders, renderBuildNames } from './build-names.js';
import { STABLE_TIME } from './cache-key-render.js';
import { isHcl2TemplatePath, loadHcl2AsTemplate } from './hcl2-template.js';
import type { LoadedTemplate } from './loaded-template.js';
import { formatProblem, ProblemCollector } from './problems.js';
import { readRawTemplate } from './raw-template.js';
import { readSecrets } from './secret-stores.js';
import { checkBeforeFixing } from './unfixed-checks.js';
import { readVarFiles, resolveVariables } from './variables.js';

export interface LoadTemplateOptions {
  /** `-var k=v` pairs in command-line order. */
  readonly vars?: readonly (readonly [string, string])[];
  /** `-var-file` paths in command-line order. */
  readonly varFiles?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Fixed run time (tests); defaults to now. */
  readonly initTime?: Date;
  /**
   * Fail only on what Packer's parser rejects (`validate -syntax-only`, `console`): problems its later checks
   * find (required variables, variable cycles, only/except names, no builders) become warnings.
   */
  readonly syntaxOnly?: boolean;
}

export async function loadTemplate(file: string, options: LoadTemplateOptions = {}): Promise<LoadedTemplate> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const initTime = options.initTime ?? new Date();
  const path = resolve(cwd, file);
  if (await isHcl2TemplatePath(path))
    return loadHcl2AsTemplate(path, {
      vars: options.vars ?? [],
      varFiles: (options.varFiles ?? []).map((file) => resolve(cwd, file)),
      env,
      // `validate -syntax-only` does not ask for values.
      allowUnset: options.syntaxOnly === true,
      cwd,
      initTime,
      templateArg: file,
    });
  const parsed = await readTemplateFile(path);
  const fixed = fixTemplateOrReport(parsed);
  const document = fixed.document;
  const problems = new ProblemCollector(document);
  checkBeforeFixing(parsed.value, problems);
  const checks = options.syntaxOnly ? new ProblemCollector(document) : problems;
  const parsedRaw = readRawTemplate(fixed.value, problems, checks);
  const fileValues = await readVarFiles(options.varFiles ?? [], cwd);
  // The values that will render (defaults ← var files ← -var) are where vault/consul_key calls count.
  const finalValues = new Map(
    Object.entries(parsedRaw.variables).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  for (const [name, value] of [...fileValues, ...(options.vars ?? [])]) finalValues.set(name, value);
  const secrets = await readSecrets(finalValues.values(), env);
  const ctx = { templatePath: path, cwd, initTime, env, data: {}, secrets };
  const variables = resolveVariables(
    parsedRaw.variables,
    fileValues,
    { vars: options.vars ?? [], varFiles: options.varFiles ?? [] },
    ctx,
    { problems, checks },
  );
  const keyVariables = resolveVariables(
    parsedRaw.variables,
    fileValues,
    { vars: options.vars ?? [], varFiles: options.varFiles ?? [] },
    { ...ctx, ...STABLE_TIME },
    { problems: new ProblemCollector(document), checks: new ProblemCollector(document) },
  );
  const builders = renderBuildNames(
    parsedRaw.builders,
    { ...ctx, phase: 'config', userVariables: variables },
    checks,
  );
  const raw = { ...parsedRaw, builders };
  for (const [i, name] of raw.sensitiveVariables.entries()) {
    if (!(name in raw.variables))
      problems.warn(`sensitive-variables[${i}]`, `'${name}' is not a declared variable`);
  }

  const sensitiveValues = raw.sensitiveVariables
    .map((name) => variables.get(name) ?? '')
    .filter((v) => v !== '');
  const redact = createRedactor(sensitiveValues);
  problems.throwIfAny(redact);
  // Syntax-only loads keep going past what Packer's parser accepts; those problems become warnings.
  const deferred =
    checks === problems ? [] : [...checks.warnings, ...checks.list.map(formatProblem)].map(redact);
  return {
    path,
    cwd,
    document,
    raw,
    variables,
    keyVariables,
    sensitiveVariables: raw.sensitiveVariables,
    sensitiveValues,
    initTime,
    env,
    warnings: [...problems.warnings, ...deferred],
    fixes: fixed.changes,
  };
}

/** Rewrites deprecated options as `packer fix` would; a renamed key keeps the source position of the old one. */
function fixTemplateOrReport(parsed: ParsedDocument): {
  document: ParsedDocument;
  value: JsonValue;
  changes: readonly FixChange[];
} {
  let result: ReturnType<typeof fixTemplate>;
  try {
    result = fixTemplate(parsed.value);
  } catch (error) {
    if (!(error instanceof FixError)) throw error;
    throw new TemplateError({ file: parsed.file }, [`cannot rewrite a deprecated option: ${error.message}`], {
      code: 'template-fix',
    });
  }
  const positions = new Map(parsed.positions);
  for (const change of result.changes) {
    const at = positions.get(change.from);
    if (at !== undefined && !positions.has(change.to)) positions.set(change.to, at);
  }
  const value = keepNamesOfRetypedBuilders(parsed.value, result.value);
  return { document: { ...parsed, positions }, value, changes: result.changes };
}

/** Packer checks min_packer_version when it prepares builds (so `validate -syntax-only` passes). */
export function checkMinVersion(min: string | undefined, problems: ProblemCollector): void {
  if (min === undefined || min === '') return;
  const wanted = parseVersion(min);
  if (wanted === undefined) {
    problems.add('min_packer_version', `min_packer_version is invalid: '${min}'`);
    return;
  }
  const actual = parseVersion(PACKER_COMPAT_VERSION) ?? [];
  for (let i = 0; i < 3; i++) {
    const a = actual[i] ?? 0;
    const w = wanted[i] ?? 0;
    if (a > w) return;
    if (a < w) {
      problems.add(
        'min_packer_version',
        `This template requires Packer version ${min} or higher; Kiln is compatible with ${PACKER_COMPAT_VERSION}`,
      );
      return;
    }
  }
}

function parseVersion(text: string): number[] | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  return match ? match.slice(1, 4).map((n) => Number(n ?? 0)) : undefined;
}
