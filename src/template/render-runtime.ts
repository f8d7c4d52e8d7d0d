// Run-time rendering of config strings kept unrendered at load (boot_command, qemuargs, execute_command, …).

import type { FunctionContext, FunctionTable } from '../gotemplate/functions/function-table.js';
import type { TemplateRecord } from '../gotemplate/values.js';
import type { LoadedTemplate } from './loaded-template.js';
import { renderTemplateString } from './render-string.js';

export interface RuntimeRenderScope {
  readonly template: LoadedTemplate;
  readonly buildName?: string;
  readonly buildType?: string;
  /** Extra or replacement functions (e.g. a later `urlquery`); defaults to the built-ins. */
  readonly functions?: FunctionTable;
  /** Leave still-unknown fields verbatim instead of failing (default false: fail, naming the field). */
  readonly keepUnresolved?: boolean;
}

const MAX_PASSES = 10;

/**
 * Renders `text` with run-time data (`{{ .HTTPIP }}`, `{{ .HTTPPort }}`, `{{ .Name }}`, `{{.Path}}`, `{{.Vars}}`,
 * `{{ build "Host" }}` …). Throws a GoTemplateError naming the expression and position on failure.
 */
export function renderRuntime(
  text: string,
  data: Readonly<Record<string, string | number | boolean>>,
  scope: RuntimeRenderScope,
): string {
  const { template } = scope;
  const ctx: FunctionContext = {
    phase: 'runtime',
    templatePath: template.path,
    cwd: template.cwd,
    initTime: template.initTime,
    env: template.env,
    userVariables: template.variables,
    ...(scope.buildName === undefined ? {} : { buildName: scope.buildName }),
    ...(scope.buildType === undefined ? {} : { buildType: scope.buildType }),
    data: data as TemplateRecord,
  };
  const options = {
    keepUnresolved: scope.keepUnresolved ?? false,
    ...(scope.functions ? { functions: scope.functions } : {}),
  };
  // Like Packer's interpolate.Render: a value may itself hold an action (a user variable set to
  // "{{ .HTTPIP }}"), so render until the text stops changing.
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = renderTemplateString(current, ctx, options);
    if (next === current || !next.includes('{{')) return next;
    current = next;
  }
  return current;
}
