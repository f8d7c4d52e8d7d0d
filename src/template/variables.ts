// User variables: defaults (strings or null = required), -var-file and -var overrides, multi-pass resolution.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TemplateError } from '../core/errors.js';
import { VariableNotReady } from '../gotemplate/functions/builtin-functions.js';
import type { FunctionContext } from '../gotemplate/functions/function-table.js';
import { describeValue, isJsonObject, type JsonObject } from '../json/json-value.js';
import { parseTemplateText } from '../json/parse-template-file.js';
import type { ProblemCollector } from './problems.js';
import type { RawSinks } from './raw-types.js';
import { renderTemplateString } from './render-string.js';

export interface VariableInputs {
  /** `-var k=v` in command-line order; they win over every -var-file (as Packer 1.6.6). */
  readonly vars: readonly (readonly [string, string])[];
  /** `-var-file` paths in command-line order; later files win. */
  readonly varFiles: readonly string[];
}

/**
 * Reads -var-file JSON objects of strings (Packer's FlagJSON), strict JSON like templates. A repeated key keeps
 * its last value: Packer decodes var files with Go's encoding/json (only the template loader rejects duplicates).
 */
export async function readVarFiles(files: readonly string[], cwd: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new TemplateError({ file }, [`cannot read variables file: ${(error as Error).message}`], {
        code: 'var-file',
      });
    }
    const doc = parseTemplateText(file, text, 'last-wins');
    if (!isJsonObject(doc.value))
      throw new TemplateError({ file }, ['a variables file must hold a JSON object'], { code: 'var-file' });
    for (const [key, value] of Object.entries(doc.value)) {
      if (typeof value !== 'string') {
        const at = doc.positions.get(key);
        throw new TemplateError(
          { file, ...at, key },
          [`variable values must be strings, found ${describeValue(value)}`],
          {
            code: 'var-file',
          },
        );
      }
      values.set(key, value);
    }
  }
  return values;
}

/**
 * Declared defaults ← var files ← -var, then renders every value (env and user allowed) in passes until all
 * references are resolved. Problems are recorded; the returned map holds whatever resolved.
 */
export function resolveVariables(
  declared: JsonObject,
  fileValues: ReadonlyMap<string, string>,
  inputs: VariableInputs,
  ctx: Omit<FunctionContext, 'phase' | 'userVariables' | 'pendingVariables'>,
  { problems, checks }: RawSinks,
): Map<string, string> {
  const raw = new Map<string, string>();
  const required = new Set<string>();
  for (const [name, value] of Object.entries(declared)) {
    if (value === null) required.add(name);
    else if (typeof value === 'string') raw.set(name, value);
    else
      problems.add(
        `variables.${name}`,
        `variable defaults must be strings (or null for required); found ${describeValue(value)}`,
      );
  }
  for (const [name, value] of fileValues) raw.set(name, value);
  for (const [name, value] of inputs.vars) raw.set(name, value);
  for (const name of required)
    if (!raw.has(name)) checks.add(`variables.${name}`, `required variable not set: ${name}`);

  const resolved = new Map<string, string>();
  const pending = new Set([...raw.keys()].sort());
  for (let pass = 0; pending.size > 0 && pass < 100; pass++) {
    let progressed = false;
    for (const name of [...pending]) {
      const outcome = renderVariable(name, raw.get(name) ?? '', resolved, pending, ctx, checks);
      if (outcome === 'retry') continue;
      pending.delete(name);
      progressed = true;
      if (outcome !== 'failed') resolved.set(name, outcome);
    }
    if (!progressed) break;
  }
  for (const name of pending) {
    checks.add(
      `variables.${name}`,
      `Failed to interpolate ${JSON.stringify(raw.get(name))}: it references variables that reference each other (${[...pending].join(', ')})`,
    );
  }
  return resolved;
}

function renderVariable(
  name: string,
  value: string,
  resolved: ReadonlyMap<string, string>,
  pending: ReadonlySet<string>,
  ctx: Omit<FunctionContext, 'phase' | 'userVariables' | 'pendingVariables'>,
  problems: ProblemCollector,
): string | 'retry' | 'failed' {
  try {
    return renderTemplateString(
      value,
      { ...ctx, phase: 'variables', userVariables: resolved, pendingVariables: pending },
      { keepUnresolved: true },
    );
  } catch (error) {
    if (error instanceof VariableNotReady) return 'retry';
    problems.add(
      `variables.${name}`,
      `error interpolating the value of '${name}': ${(error as Error).message}`,
    );
    return 'failed';
  }
}
