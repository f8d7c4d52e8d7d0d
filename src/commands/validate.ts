// `kiln validate`: load and check the template without side effects.
import { loadTemplate, resolveBuildsWithWarnings } from '../template/index.js';
import { formatError } from '../ui/format-error.js';

export interface ValidateCommandOptions {
  templatePath: string;
  vars: readonly (readonly [string, string])[];
  varFiles: readonly string[];
  syntaxOnly: boolean;
  /** Build names (-only); empty = all. */
  only?: readonly string[];
  /** Build names (-except). */
  except?: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Directory relative paths resolve against; defaults to process.cwd(). */
  cwd?: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runValidateCommand(options: ValidateCommandOptions): Promise<number> {
  try {
    const template = await loadTemplate(options.templatePath, {
      vars: options.vars,
      varFiles: options.varFiles,
      env: options.env,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    if (options.syntaxOnly) {
      options.out.write('Syntax-only check passed. Everything looks okay.\n');
      return 0;
    }
    // What Kiln cannot build yet (winrm, other plugins) is a warning here: the template itself is valid.
    const { warnings } = resolveBuildsWithWarnings(template, {
      only: options.only ?? [],
      except: options.except ?? [],
      unsupported: 'warn',
    });
    for (const warning of warnings) options.err.write(`Warning: ${warning}\n`);
    options.out.write('The configuration is valid.\n');
    return 0;
  } catch (error) {
    options.err.write(`Error: ${formatError(error)}\n`);
    return 1;
  }
}
