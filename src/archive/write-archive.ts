// The one way Kiln writes an archive: tar, zip or a single file, optionally compressed, streamed from the
// members through the compressor to `<output>.kiln-partial` with progress, then renamed into place.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isCancelled, KilnError } from '../core/errors.js';
import { writeThroughPartial } from '../core/partial-file.js';
import type { Ui } from '../core/ui.js';
import { type Compression, compressor } from './compression.js';
import { type ArchiveEntry, totalSize } from './entries.js';
import { tarStream } from './tar-pack.js';
import { zipStream } from './zip-writer.js';

export type Container = 'tar' | 'zip' | 'single';

export interface ArchiveFormat {
  readonly container: Container;
  /** Applied to the whole stream; zip compresses inside (its level), so zip takes 'none'. */
  readonly compression: Compression;
  readonly level: number;
}

export interface ArchiveContext {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  /** Names the step in errors: "compress", "vagrant". */
  readonly step: string;
}

export async function writeArchive(
  output: string,
  entries: readonly ArchiveEntry[],
  format: ArchiveFormat,
  ctx: ArchiveContext,
): Promise<void> {
  const first = entries[0];
  if (format.container === 'single' && (entries.length !== 1 || !first || !('path' in first))) {
    throw new KilnError(`${ctx.step}: ${format.compression} compresses one file; got ${entries.length}`, {
      code: 'post-processor',
      hint: 'use a tar format (.tar.gz, .tar.zst, .tar.xz) or .zip for several files',
    });
  }
  // The files read (generated members such as a Vagrantfile are not inputs).
  const inputs = entries.flatMap((e) => ('path' in e ? [e.path] : [])).join(', ');
  const what = `${ctx.step}: writing ${output} from ${inputs}`;
  // Archives create their directory (compress and vagrant outputs may name a new one), as Packer's do.
  await named(what, async () => {
    await mkdir(dirname(output), { recursive: true });
    await writeThroughPartial(
      output,
      (partial) => streamArchive(partial, output, entries, format, ctx),
      what,
    );
  });
}

async function streamArchive(
  partial: string,
  output: string,
  entries: readonly ArchiveEntry[],
  format: ArchiveFormat,
  ctx: ArchiveContext,
): Promise<void> {
  const progress = ctx.ui.progress(`${ctx.step}: writing ${output}`, await totalSize(entries));
  let done = 0;
  const onBytes = (bytes: number): void => {
    done += bytes;
    progress.update(done);
  };
  // Stops the member readers when the write side fails, so nothing waits for a drain that never comes.
  const abort = new AbortController();
  const signal = AbortSignal.any([ctx.signal, abort.signal]);
  const source = archiveSource(entries, format, onBytes, signal);
  const compress = compressor(format.compression, format.level);
  const sink = createWriteStream(partial);
  try {
    if (compress) await pipeline(source, compress, sink, { signal: ctx.signal });
    else await pipeline(source, sink, { signal: ctx.signal });
  } catch (error) {
    abort.abort(error);
    throw error;
  }
  progress.done();
}

/** Any failure but a cancellation or a full disk (already worded) says what was being written. */
async function named(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isCancelled(error) || (error instanceof KilnError && error.code === 'disk-full')) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new KilnError(`${what} failed: ${reason}`, {
      code: error instanceof KilnError ? error.code : 'post-processor',
      ...(error instanceof KilnError && error.hint ? { hint: error.hint } : {}),
      cause: error,
    });
  }
}

function archiveSource(
  entries: readonly ArchiveEntry[],
  format: ArchiveFormat,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Readable {
  switch (format.container) {
    case 'tar':
      return tarStream(entries, onBytes, signal);
    case 'zip':
      return zipStream(entries, format.level, onBytes, signal);
    case 'single': {
      const entry = entries[0] as { path: string };
      return createReadStream(entry.path, { highWaterMark: 1024 * 1024 }).on('data', (chunk) =>
        onBytes(chunk.length),
      );
    }
  }
}
