// Reads a template or var file as text; a failure is the TemplateError every loader reports ("cannot read template").

import { readFile } from 'node:fs/promises';
import { TemplateError } from './errors.js';

export async function readTemplateText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TemplateError({ file }, [`cannot read template: ${(error as Error).message}`], {
      code: 'template-read',
      cause: error,
    });
  }
}
