// Writes a variant of the example template for one test (same ISO, other settings).
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TESTOS_TEMPLATE } from './testos.js';

type Json = Record<string, unknown>;

export async function writeVariant(
  dir: string,
  name: string,
  change: (builder: Json, template: Json) => void,
): Promise<string> {
  const template = JSON.parse(readFileSync(TESTOS_TEMPLATE, 'utf8')) as Json;
  const builder = (template.builders as Json[])[0] as Json;
  change(builder, template);
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(template, null, 2));
  return path;
}
