// Which files make an HCL2 configuration, as Packer's GetHCL2Files: a `.pkr.hcl` file, or a directory's
// `*.pkr.hcl` files (sorted) with its `*.auto.pkrvars.hcl` var files. `.pkr.json` is refused by name for now.

import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { TemplateError } from '../../core/errors.js';
import { type HclFile, parseHclFile } from '../../hcl/index.js';

export interface Hcl2Sources {
  readonly configFiles: readonly HclFile[];
  /** Auto-loaded var files, then the `-var-file` ones in command-line order. */
  readonly varFiles: readonly HclFile[];
}

export async function readHcl2Sources(path: string, varFilePaths: readonly string[]): Promise<Hcl2Sources> {
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() === true;
  const names = isDirectory ? (await readdir(path)).filter((n) => !n.startsWith('.')).sort() : [];
  const configPaths = isDirectory
    ? names.filter((n) => n.endsWith('.pkr.hcl')).map((n) => join(path, n))
    : [path];
  const jsonPaths = isDirectory ? names.filter((n) => n.endsWith('.pkr.json')).map((n) => join(path, n)) : [];
  if (!isDirectory && path.endsWith('.pkr.json')) jsonPaths.push(path);
  if (jsonPaths.length > 0)
    throw new TemplateError(
      { file: jsonPaths[0] as string },
      ['HCL2 JSON syntax (*.pkr.json) is not supported by Kiln yet'],
      {
        code: 'hcl2-json',
        hint: 'Write the configuration in HCL native syntax (*.pkr.hcl), or as a legacy JSON template (*.json).',
      },
    );
  if (configPaths.length === 0)
    throw new TemplateError(
      { file: path },
      [
        `Could not find any config file in ${path}: A config file must be suffixed with \`.pkr.hcl\` or \`.pkr.json\`. A folder can be referenced.`,
      ],
      { code: 'template-read' },
    );
  const autoVarPaths = isDirectory
    ? names.filter((n) => n.endsWith('.auto.pkrvars.hcl')).map((n) => join(path, n))
    : [];
  for (const file of varFilePaths)
    if (extname(file) !== '.hcl')
      throw new TemplateError(
        { file },
        [
          extname(file) === '.json'
            ? 'JSON var files (*.pkrvars.json) are not supported by Kiln yet for HCL2 templates'
            : `Could not guess format of ${file}: A var file must be suffixed with \`.hcl\` or \`.json\`.`,
        ],
        { code: 'hcl2-var-file' },
      );
  const configFiles = await Promise.all(configPaths.map(readAndParse));
  const varFiles = await Promise.all([...autoVarPaths, ...varFilePaths].map(readAndParse));
  return { configFiles, varFiles };
}

async function readAndParse(file: string): Promise<HclFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TemplateError({ file }, [`cannot read template: ${(error as Error).message}`], {
      code: 'template-read',
      cause: error,
    });
  }
  return parseHclFile(file, text);
}
