// What `kiln console` does with one line: Packer 1.6.6's Core.EvaluateExpression over a loaded template.

import { join } from 'node:path';
import type { FunctionContext, LoadedTemplate } from '../template/index.js';
import { renderTemplateString } from '../template/index.js';
import { wrapWords } from './word-wrap.js';

export interface ConsoleResult {
  /** The rendered value ('' for an empty line, `exit`, or a failed expression). */
  readonly output: string;
  readonly exit: boolean;
  /** Diagnostic text to show before the output (already formatted, ends with a blank line). */
  readonly diagnostic?: string;
  /** Things worth saying that do not change the value (an undeclared variable renders as "", as in Packer). */
  readonly warnings: readonly string[];
}

export type ConsoleEvaluator = (line: string) => ConsoleResult;

export const CONSOLE_HELP = `Kiln console (Packer legacy JSON mode).
The console lets you experiment with template interpolations.
You may access the variables of the template you called the console with.

Type in the interpolation to test and hit <enter> to see the result.

"variables" will dump all available variables and their values.

"{{timestamp}}" will output the timestamp, for example "1559855090".

To exit the console, type "exit" and hit <enter>, or use Control-C.`;

export interface ConsoleScope {
  /** undefined: no template given; expressions see no variables and template_dir is the working directory. */
  readonly template: LoadedTemplate | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly initTime?: Date;
}

export function createConsoleEvaluator(scope: ConsoleScope): ConsoleEvaluator {
  const template = scope.template;
  // As in Packer's console: no build is running, so build_name, env and build data are not available.
  const ctx: FunctionContext = {
    phase: 'config',
    // Without a template, template_dir (the template's directory) is the working directory.
    templatePath: template?.path ?? join(scope.cwd, 'console'),
    cwd: template?.cwd ?? scope.cwd,
    initTime: template?.initTime ?? scope.initTime ?? new Date(),
    env: template?.env ?? scope.env,
    userVariables: template?.variables ?? new Map(),
    data: {},
  };
  return (line) => {
    if (line === '') return { output: '', exit: false, warnings: [] };
    if (line === 'exit') return { output: '', exit: true, warnings: [] };
    if (line === 'help') return { output: CONSOLE_HELP, exit: false, warnings: [] };
    if (line === 'variables') {
      const entries = [...ctx.userVariables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const output = `\n${entries.map(([k, v]) => `${k}: ${v},\n`).join('')}`;
      return { output, exit: false, warnings: [] };
    }
    const warnings: string[] = [];
    // A declared variable that did not resolve (required and unset, a cycle) was already reported when the
    // template loaded; like Packer's console it renders as "" without a second, misleading "not defined".
    const declared = template?.raw.variables ?? {};
    const onUndefinedVariable = (name: string, message: string) => {
      if (!Object.hasOwn(declared, name)) warnings.push(message);
    };
    try {
      const output = renderUntilStable(line, { ...ctx, onUndefinedVariable });
      return { output, exit: false, warnings };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const diagnostic = formatDiagnostic('Interpolation error', error.message);
      return { output: '', exit: false, diagnostic, warnings };
    }
  };
}

/**
 * As Packer's console: no build data (`{{ .HTTPIP }}` is `<no value>`), and a variable whose value holds an
 * action (`"{{ .HTTPIP }}"`) is rendered again.
 */
function renderUntilStable(line: string, ctx: FunctionContext): string {
  let current = line;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = renderTemplateString(current, ctx, { keepUnresolved: false, noData: true });
    if (next === current || !next.includes('{{')) return next;
    current = next;
  }
  return current;
}

const MAX_PASSES = 10;

/** HCL's diagnostic text at width 80, as Packer prints it ("Error" where Packer 1.6.6 shows "???????"). */
export function formatDiagnostic(summary: string, detail: string): string {
  return `Error: ${summary}\n\n${wrapWords(detail, 80)}\n\n`;
}
