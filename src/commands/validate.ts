// `kiln validate`: load and check the template without side effects.
import { loadTemplate, resolveBuildsWithWarnings } from '../template/index.js';
import { formatError } from '../ui/format-error.js';

export interface ValidateCommandOptions {
  templatePath: string;
  vars: readonly (readonly [string, string])[];
  varFiles: readonly string[];
  syntaxOnly: boolean;
  env: NodeJS.ProcessEnv;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runValidateCommand(options: ValidateCommandOptions): Promise<number> {
  try {
    const template = await loadTemplate(options.templatePath, {
      vars: options.vars,
      varFiles: options.varFiles,
      env: options.env,
    });
    if (options.syntaxOnly) {
      options.out.write('Syntax-only check passed. Everything looks okay.\n');
      return 0;
    }
    const { warnings } = resolveBuildsWithWarnings(template);
    for (const warning of warnings) options.err.write(`Warning: ${warning}\n`);
    options.out.write('The configuration is valid.\n');
    return 0;
  } catch (error) {
    options.err.write(`Error: ${formatError(error)}\n`);
    return 1;
  }
}
