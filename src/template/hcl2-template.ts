// Packer ≥ 1.7 reads HCL2 from a `.pkr.hcl` file or a directory. Kiln parses HCL2 (syntax errors are real errors,
// with their position) but does not evaluate it into a template yet: say so instead of failing as bad JSON.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateError } from '../core/errors.js';
import { parseHclFile } from '../hcl/index.js';

/**
 * Packer's rule: a file named *.pkr.hcl / *.pkr.json, or a directory, is an HCL2 template. A directory without
 * such files keeps the plain "cannot read template" error.
 */
export async function isHcl2TemplatePath(path: string): Promise<boolean> {
  if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json')) return true;
  if ((await stat(path).catch(() => undefined))?.isDirectory() !== true) return false;
  return (await templateFilesIn(path).catch(() => [])).length > 0;
}

/** Throws: the first syntax error of the HCL2 files, else that HCL2 evaluation is not implemented, naming them. */
export async function rejectHcl2Template(path: string): Promise<never> {
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() === true;
  const files = isDirectory ? await templateFilesIn(path) : [path];
  if (files.length === 0)
    throw new TemplateError({ file: path }, ['no *.pkr.hcl or *.pkr.json file in this directory'], {
      code: 'template-read',
    });
  for (const file of files.filter((name) => name.endsWith('.pkr.hcl'))) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new TemplateError({ file }, [`cannot read template: ${(error as Error).message}`], {
        code: 'template-read',
        cause: error,
      });
    }
    parseHclFile(file, text);
  }
  const what = isDirectory
    ? `HCL2 template directory (${files.length} file${files.length === 1 ? '' : 's'})`
    : 'HCL2 template';
  throw new TemplateError(
    { file: path },
    [`${what}: evaluating HCL2 is not implemented yet in Kiln (its syntax was checked and is valid)`],
    {
      code: 'hcl2-not-implemented',
      hint: 'Kiln builds from Packer JSON templates for now; `kiln fmt` already formats HCL2 files.',
    },
  );
}

async function templateFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => !name.startsWith('.') && (name.endsWith('.pkr.hcl') || name.endsWith('.pkr.json')))
    .sort()
    .map((name) => join(dir, name));
}
