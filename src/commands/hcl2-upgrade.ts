// `kiln hcl2_upgrade`: writes the HCL2 twin of a legacy JSON template, as Packer's hcl2_upgrade does. Like
// Packer it does not run `fix` first: deprecated keys are carried over as written.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { hcl2Upgrade } from '../hcl2-upgrade/upgrade.js';
import { readTemplateFile } from '../json/parse-template-file.js';
import { formatProblem, ProblemCollector } from '../template/problems.js';
import { readRawTemplate } from '../template/raw-template.js';
import { formatError } from '../ui/format-error.js';

export interface Hcl2UpgradeOptions {
  templatePath: string;
  outputFile: string;
  withAnnotations: boolean;
  cwd: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** Exit status 1 when the template cannot be read, or when a block could not be upgraded (the file is written). */
export async function runHcl2UpgradeCommand(options: Hcl2UpgradeOptions): Promise<number> {
  const path = resolve(options.cwd, options.templatePath);
  let upgraded: ReturnType<typeof hcl2Upgrade>;
  const initialization: string[] = [];
  try {
    const document = await readTemplateFile(path);
    const problems = new ProblemCollector(document);
    // Packer's template parser decides what loads; what its core checks later (builders, only/except names,
    // required variables) is printed and ignored, as Packer ignores its initialization errors here.
    const checks = new ProblemCollector(document);
    const tpl = readRawTemplate(document.value, problems, checks);
    for (const [name, value] of Object.entries(tpl.variables))
      if (value !== null && typeof value !== 'string')
        problems.add(
          `variables.${name}`,
          `variable ${name}: a legacy JSON variable's default must be a string`,
        );
    problems.throwIfAny();
    initialization.push(...checks.list.map(formatProblem));
    for (const [name, value] of Object.entries(tpl.variables))
      if (value === null) initialization.push(`required variable not set: ${name}`);
    upgraded = hcl2Upgrade(tpl, document.text, options.withAnnotations);
  } catch (error) {
    options.err.write(
      `Failed to parse file as legacy JSON template: if you are using an HCL template, check your file extensions; they should be either *.pkr.hcl or *.pkr.json.\nOriginal error: ${formatError(error)}\n`,
    );
    options.err.write('Failed to get config from JSON\n');
    return 1;
  }
  const output = resolve(options.cwd, options.outputFile);
  try {
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, upgraded.text);
  } catch (error) {
    options.err.write(`Failed to create output file: ${(error as Error).message}\n`);
    return 1;
  }
  for (const message of initialization)
    options.err.write(`Ignoring following initialization error: ${message}\n`);
  for (const { parser, message } of upgraded.errors)
    options.err.write(`Ignoring following ${parser} error: ${message}\n`);
  const status = upgraded.errors.length > 0 ? 1 : 0;
  options.out.write(`Successfully created ${options.outputFile}. Exit ${status}\n`);
  return status;
}
