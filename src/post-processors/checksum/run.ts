// Packer's `checksum` post-processor: each input file is read once for all checksum types at once, then one
// `<hex>\t<basename>` line per file is appended to each type's checksum file (written whole, then renamed).
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { writeThroughPartial } from '../../core/partial-file.js';
import type { Ui } from '../../core/ui.js';
import { digestFileMany } from '../../iso/digest.js';
import { type Artifact, filesArtifact, type PostProcessorResult } from '../../plugins/artifact.js';
import { inStep } from '../in-step.js';
import type { ChecksumConfig, ChecksumType } from './config.js';

export const CHECKSUM_BUILDER_ID = 'packer.post-processor.checksum';

export interface ChecksumRun {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  /** The checksum file's path for one type (the rendered `output`). */
  readonly outputFor: (type: ChecksumType) => string;
}

export async function runChecksum(
  config: ChecksumConfig,
  input: Artifact,
  { ui, signal, outputFor }: ChecksumRun,
): Promise<PostProcessorResult> {
  const digests: Map<string, string>[] = [];
  for (const file of input.files) {
    const label = { postProcessor: 'checksum', step: 'hashing', input: file };
    digests.push(await inStep(label, () => hashWithProgress(file, config.checksumTypes, ui, signal)));
  }
  // Packer loops types, then files, appending: types that render to the same path share one file, in order.
  const lines = new Map<string, string[]>();
  for (const type of config.checksumTypes) {
    const output = outputFor(type);
    const list = lines.get(output) ?? [];
    for (const [i, file] of input.files.entries()) list.push(`${digests[i]?.get(type)}\t${basename(file)}\n`);
    lines.set(output, list);
  }
  const created: string[] = [];
  for (const [output, added] of lines) {
    const existed = existsSync(output);
    await inStep(
      { postProcessor: 'checksum', step: `writing ${output}`, input: input.files.join(', ') },
      () => appendWhole(output, added.join('')),
    );
    if (!existed) created.push(output);
    ui.message(`Wrote ${output}`);
  }
  const files = [...input.files, ...created];
  const artifact = filesArtifact(
    CHECKSUM_BUILDER_ID,
    files,
    `Created artifact from files: ${files.join(', ')}`,
  );
  // Packer keeps the input whatever the template says: the checksums describe it.
  return { artifact: { ...artifact, id: '' }, keepInputDefault: true, forceKeepInput: true };
}

async function hashWithProgress(
  file: string,
  types: readonly ChecksumType[],
  ui: Ui,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const progress = ui.progress(`${types.join('+')} of ${basename(file)}`, (await stat(file)).size);
  const digests = await digestFileMany(file, types, signal, (done) => progress.update(done));
  progress.done();
  return digests;
}

/** Packer appends in place; Kiln writes old + new content under a partial name so a failure leaves the old file. */
async function appendWhole(output: string, added: string): Promise<void> {
  await mkdir(dirname(output), { recursive: true });
  const before = existsSync(output) ? await readFile(output, 'utf8') : '';
  await writeThroughPartial(output, (partial) => writeFile(partial, before + added, { mode: 0o644 }));
}
