// Which files make an HCL2 configuration, as Packer's GetHCL2Files: a `.pkr.hcl` or `.pkr.json` file, or a
// directory's `*.pkr.hcl` files then its `*.pkr.json` files (each sorted), with its `*.auto.pkrvars.hcl` then
// `*.auto.pkrvars.json` var files. A `.json` file (`.pkr.json`, `-var-file x.pkrvars.json`) is HCL's JSON syntax.

import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { TemplateError } from '../../core/errors.js';
import { readTemplateText } from '../../core/read-template-text.js';
import { type HclSourceFile, parseHclFile, parseHclJsonFile } from '../../hcl/index.js';

export interface Hcl2Sources {
  readonly configFiles: readonly HclSourceFile[];
  /** Auto-loaded var files, then the `-var-file` ones in command-line order. */
  readonly varFiles: readonly HclSourceFile[];
}

export async function readHcl2Sources(path: string, varFilePaths: readonly string[]): Promise<Hcl2Sources> {
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() === true;
  const names = isDirectory ? (await readdir(path)).filter((n) => !n.startsWith('.')).sort() : [];
  const withSuffix = (...suffixes: string[]): string[] =>
    suffixes.flatMap((suffix) => names.filter((n) => n.endsWith(suffix)).map((n) => join(path, n)));
  const configPaths = isDirectory ? withSuffix('.pkr.hcl', '.pkr.json') : [path];
  if (configPaths.length === 0)
    throw new TemplateError(
      { file: path },
      [
        `Could not find any config file in ${path}: A config file must be suffixed with \`.pkr.hcl\` or \`.pkr.json\`. A folder can be referenced.`,
      ],
      { code: 'template-read' },
    );
  const autoVarPaths = isDirectory ? withSuffix('.auto.pkrvars.hcl', '.auto.pkrvars.json') : [];
  for (const file of varFilePaths)
    if (extname(file) !== '.hcl' && extname(file) !== '.json')
      throw new TemplateError(
        { file },
        [`Could not guess format of ${file}: A var file must be suffixed with \`.hcl\` or \`.json\`.`],
        { code: 'hcl2-var-file' },
      );
  const configFiles = await Promise.all(configPaths.map(readAndParse));
  const varFiles = await Promise.all([...autoVarPaths, ...varFilePaths].map(readAndParse));
  return { configFiles, varFiles };
}

async function readAndParse(file: string): Promise<HclSourceFile> {
  const text = await readTemplateText(file);
  return extname(file) === '.json' ? parseHclJsonFile(file, text) : parseHclFile(file, text);
}
