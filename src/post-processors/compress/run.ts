// Post-processor `compress`: the input artifact's files in one archive (tar, zip, or one compressed file),
// streamed to `<output>.kiln-partial` and renamed when complete. Members are stored under their base names.
import { basename } from 'node:path';
import type { ArchiveEntry } from '../../archive/entries.js';
import { writeArchive } from '../../archive/write-archive.js';
import { KilnError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { type Artifact, filesArtifact, type PostProcessorResult } from '../../plugins/artifact.js';
import type { CompressConfig } from './config.js';

export const COMPRESS_BUILDER_ID = 'packer.post-processor.compress';

/** `output` is the rendered output path. */
export async function runCompress(
  input: Artifact,
  config: CompressConfig,
  output: string,
  ctx: { ui: Ui; signal: AbortSignal },
): Promise<PostProcessorResult> {
  const entries = archiveEntries(input.files, output);
  const { container, compression } = config.archive;
  const how = compression === 'none' ? 'no compression' : `${compression} level ${config.archive.level}`;
  ctx.ui.say(
    container === 'single'
      ? `Compressing ${input.files[0] ?? ''} to ${output} with ${how}`
      : `${container === 'zip' ? 'Zipping' : 'Tarring'} ${input.files.length} file(s) to ${output} with ${how}`,
  );
  await writeArchive(output, entries, config.archive, { ...ctx, step: 'compress' });
  ctx.ui.say(`Archive ${output} completed`);
  return {
    artifact: filesArtifact(COMPRESS_BUILDER_ID, [output], `compressed artifacts in: ${output}`),
    keepInputDefault: false,
    forceKeepInput: false,
  };
}

function archiveEntries(files: readonly string[], output: string): ArchiveEntry[] {
  if (files.length === 0) {
    throw new KilnError('compress: the input artifact has no files', { code: 'post-processor' });
  }
  const seen = new Map<string, string>();
  return files.map((path) => {
    if (path === output) {
      throw new KilnError(`compress: output ${output} would overwrite its input`, { code: 'post-processor' });
    }
    const name = basename(path);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new KilnError(`compress: ${other} and ${path} would both be stored as ${name}`, {
        code: 'post-processor',
      });
    }
    seen.set(name, path);
    return { name, path };
  });
}
