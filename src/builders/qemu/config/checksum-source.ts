// iso_checksum checks at load: the spec's form, and that a local `file:` checksum file can be read and lists
// the ISO (Packer reads it at validate); a remote one is fetched by validate and by the build.

import { readFileSync } from 'node:fs';
import { errorMessage } from '../../../core/errors.js';
import { checksumFileNames, findChecksumInText, parseChecksumSpec } from '../../../iso/index.js';
import { classifySource, sourcePath } from '../../../iso/source.js';
import type { KeyPath } from '../../../json/json-value.js';
import type { ProblemCollector } from '../../../template/problems.js';

export function checkChecksumSpec(
  spec: string,
  path: KeyPath,
  cwd: string,
  problems: ProblemCollector,
  isoUrl: string | undefined,
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
    if (source.type !== 'file') return;
    const text = readChecksumFile(source.path, spec, path, problems);
    if (text === undefined || isoUrl === undefined || isoUrl.includes('{{')) return;
    const iso = sourcePath(classifySource(isoUrl, cwd));
    if (findChecksumInText(text, checksumFileNames(iso, source.path)) === undefined) {
      const name = iso.split('/').pop() ?? iso;
      problems.add(path, `no checksum found for ${name} in ${source.path} (from iso_checksum "${spec}")`);
    }
  } catch (error) {
    problems.add(path, errorMessage(error));
  }
}

function readChecksumFile(
  file: string,
  spec: string,
  path: KeyPath,
  problems: ProblemCollector,
): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.add(
      path,
      code === 'ENOENT'
        ? `checksum file ${file} does not exist (from iso_checksum "${spec}")`
        : `cannot read checksum file ${file}: ${errorMessage(error)} (from iso_checksum "${spec}")`,
    );
    return undefined;
  }
}
