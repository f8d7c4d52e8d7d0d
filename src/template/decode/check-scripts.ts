// Script paths must exist when the template is loaded; like Packer they are relative to the working directory.

import { existsSync, type Stats, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { KeyPath } from '../../json/json-value.js';
import type { ProblemCollector } from '../problems.js';

export interface ScriptCheckEnv {
  readonly cwd: string;
  readonly templatePath: string;
  readonly problems: ProblemCollector;
}

export function checkScriptsExist(scripts: readonly string[], path: KeyPath, env: ScriptCheckEnv): void {
  for (const [i, script] of scripts.entries()) {
    const at = scripts.length > 1 ? `${path}[${i}]` : path;
    let stat: Stats | undefined;
    try {
      stat = statSync(resolve(env.cwd, script), { throwIfNoEntry: false });
    } catch (error) {
      // A symlink loop, a path through a file, no permission: say which, never crash.
      env.problems.add(at, `cannot use script ${script}: ${errorMessage(error)}`);
      continue;
    }
    // Packer only stats the path and fails at upload time; a directory is refused now.
    if (stat?.isDirectory()) env.problems.add(at, `script is a directory, not a file: ${script}`);
    if (stat !== undefined) continue;
    const besideTemplate = !isAbsolute(script) && existsSync(resolve(dirname(env.templatePath), script));
    const hint = besideTemplate
      ? ' (it exists next to the template, but script paths are relative to the working directory, as in Packer; try "{{template_dir}}/…")'
      : '';
    env.problems.add(at, `script file not found: ${script}${hint}`);
  }
}

/** `KEY=VALUE` with a non-empty key, as Packer checks environment_vars. */
export function checkEnvironmentVars(
  vars: readonly string[],
  path: KeyPath,
  problems: ProblemCollector,
): void {
  for (const [i, kv] of vars.entries()) {
    const eq = kv.indexOf('=');
    if (eq <= 0) problems.add(`${path}[${i}]`, `Environment variable not in format 'key=value': ${kv}`);
  }
}
