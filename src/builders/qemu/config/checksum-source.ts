// iso_checksum checks at load: the spec's form, and that a local `file:` checksum file exists (Packer reads it at validate).

import { existsSync } from 'node:fs';
import { errorMessage } from '../../../core/errors.js';
import { parseChecksumSpec } from '../../../iso/index.js';
import { classifySource } from '../../../iso/source.js';
import type { KeyPath } from '../../../json/json-value.js';
import type { ProblemCollector } from '../../../template/problems.js';

export function checkChecksumSpec(
  spec: string,
  path: KeyPath,
  cwd: string,
  problems: ProblemCollector,
): void {
  // Values still holding run-time templates are checked when they are rendered.
  if (spec.includes('{{')) return;
  let parsed: ReturnType<typeof parseChecksumSpec>;
  try {
    parsed = parseChecksumSpec(spec);
  } catch (error) {
    problems.add(path, errorMessage(error));
    return;
  }
  if (parsed.kind !== 'file' || parsed.source.type !== 'path') return;
  try {
    const source = classifySource(parsed.source.path, cwd);
    if (source.type === 'file' && !existsSync(source.path)) {
      problems.add(path, `checksum file ${source.path} does not exist (from iso_checksum "${spec}")`);
    }
  } catch (error) {
    problems.add(path, errorMessage(error));
  }
}
