// The one way Kiln writes an output file: under `<output>.kiln-partial`, renamed to its real name only when
// complete, the partial file removed whatever happens. A failure or Ctrl-C leaves neither a partial nor a
// half-written output, and a write that failed on a full disk says so.
import { rename, rm, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage, isCancelled, KilnError } from './errors.js';
import { formatBytes } from './format.js';

/** Builders and post-processors write every output under this suffix; it gets its real name once complete. */
export const PARTIAL_SUFFIX = '.kiln-partial';

/**
 * Writes `output` through `write(partialPath)`, then renames it into place. `what` names the work in a
 * disk-full error ("compress: writing out.tar.gz from disk.qcow2"); by default "writing <output>".
 */
export async function writeThroughPartial(
  output: string,
  write: (partial: string) => Promise<void>,
  what = `writing ${output}`,
): Promise<void> {
  const partial = `${output}${PARTIAL_SUFFIX}`;
  try {
    await write(partial);
    await rename(partial, output);
  } catch (error) {
    // Measured before the partial file goes, while it still fills the disk.
    throw await whenDiskFull(error, output, what);
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
async function whenDiskFull(error: unknown, output: string, what: string): Promise<unknown> {
  if (isCancelled(error)) return error;
  const free = await statfs(dirname(output)).then(
    (fs) => fs.bavail * fs.bsize,
    () => undefined,
  );
  const said = /No space left on device|ENOSPC|Disk quota exceeded|EDQUOT/.test(errorMessage(error));
  if (!said && (free === undefined || free >= NEARLY_FULL_BYTES)) return error;
  const step = error instanceof KilnError ? error.step : undefined;
  const full = new KilnError(
    `${step ? `${step}: ` : ''}${what} failed: the disk is full (${formatBytes(free ?? 0)} free on its file system)`,
    {
      code: 'disk-full',
      hint: `free space on the file system of ${dirname(output)}, or write the output elsewhere`,
      cause: error,
    },
  );
  full.step = step;
  return full;
}
