// `kiln fix`: print the template with every deprecated option rewritten (Packer's `fix`), then check the result.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TemplateError } from '../core/errors.js';
import { fixTemplateText } from '../fix/index.js';
import { parseTemplateText } from '../json/parse-template-file.js';
import { ProblemCollector } from '../template/problems.js';
import { readRawTemplate } from '../template/raw-template.js';
import { formatError } from '../ui/format-error.js';

export interface FixCommandOptions {
  templatePath: string;
  /** Check the fixed template's structure (Packer's `-validate`, default true). */
  validate: boolean;
  cwd: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runFixCommand(options: FixCommandOptions): Promise<number> {
  const path = resolve(options.cwd, options.templatePath);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    options.err.write(`Error opening template: ${(error as Error).message}\n`);
    return 1;
  }
  let text: string;
  try {
    text = fixTemplateText(path, source).text;
  } catch (error) {
    const what = error instanceof TemplateError ? 'Error parsing template' : 'Error fixing';
    options.err.write(`${what}: ${formatError(error)}\n`);
    return 1;
  }
  options.out.write(text.endsWith('\n') ? text : `${text}\n`);
  if (!options.validate) return 0;
  try {
    const document = parseTemplateText(path, text);
    const problems = new ProblemCollector(document);
    readRawTemplate(document.value, problems);
    problems.throwIfAny();
  } catch (error) {
    options.err.write(
      `Error! Fixed template failed to validate: ${formatError(error)}\n\n` +
        'This is usually caused by an error in the input template.\nPlease fix the error and try again.\n',
    );
    return 1;
  }
  return 0;
}
