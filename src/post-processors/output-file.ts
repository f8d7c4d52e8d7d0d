// How post-processors write files: under a `.kiln-partial` name that gets the real name only when complete, and
// failures that name the post-processor, the step and the input, so no half-written output is ever left behind.
import { rename, rm, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage, isCancelled, KilnError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { PARTIAL_SUFFIX } from '../plugins/artifact.js';

/** Where a post-processor's step failed, for the error message. */
export interface StepLabel {
  readonly postProcessor: string;
  readonly step: string;
  /** The input file the step was working on. */
  readonly input: string;
}

/** Runs one step; any failure but a cancellation becomes a KilnError naming the step and its input. */
export async function inStep<T>(label: StepLabel, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isCancelled(error)) throw error;
    const hint = error instanceof KilnError ? error.hint : undefined;
    const failure = new KilnError(
      `${label.postProcessor}: ${label.step} failed for ${label.input}: ${errorMessage(error)}`,
      { code: 'post-processor', cause: error, ...(hint === undefined ? {} : { hint }) },
    );
    failure.step = `${label.postProcessor}: ${label.step}`;
    throw failure;
  }
}

/**
 * Writes `output` through `write(partialPath)`, then renames it into place; the partial file is removed
 * whatever happens, so a failure or Ctrl-C leaves neither a partial nor a half-written output.
 */
export async function writeThroughPartial(
  output: string,
  write: (partial: string) => Promise<void>,
): Promise<void> {
  const partial = `${output}${PARTIAL_SUFFIX}`;
  try {
    await write(partial);
    await rename(partial, output);
  } catch (error) {
    // Measured before the partial file goes, while it still fills the disk.
    throw await whenDiskFull(error, output);
  } finally {
    await rm(partial, { force: true });
  }
}

/** Below this much free space a failed write is put down to a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * A write that failed on a full disk, said so: qemu-img reports a full disk as "No space left on device" or,
 * for some formats, "Invalid argument"; the free space of the output's file system decides.
 */
async function whenDiskFull(error: unknown, output: string): Promise<unknown> {
  if (isCancelled(error)) return error;
  const free = await statfs(dirname(output)).then(
    (fs) => fs.bavail * fs.bsize,
    () => undefined,
  );
  const said = /No space left on device|ENOSPC|Disk quota exceeded|EDQUOT/.test(errorMessage(error));
  if (!said && (free === undefined || free >= NEARLY_FULL_BYTES)) return error;
  const step = error instanceof KilnError ? error.step : undefined;
  const full = new KilnError(
    `${step ? `${step}: ` : ''}writing ${output} failed: the disk is full (${formatBytes(free ?? 0)} free on its file system)`,
    {
      code: 'disk-full',
      hint: `free space on the file system of ${dirname(output)}, or write the output elsewhere`,
      cause: error,
    },
  );
  full.step = step;
  return full;
}
