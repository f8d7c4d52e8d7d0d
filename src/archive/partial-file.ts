// Writes a file under `<output>.kiln-partial` and renames it into place only when complete, so a failed or
// cancelled export never leaves something that looks finished; the partial file is removed on any failure.
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isCancelled, KilnError } from '../core/errors.js';

export const PARTIAL_SUFFIX = '.kiln-partial';

/** `what` names the step for the error, e.g. "compress: writing out.tar.gz from disk.qcow2". */
export async function writeViaPartial(
  output: string,
  what: string,
  write: (partial: string) => Promise<void>,
): Promise<void> {
  const partial = `${output}${PARTIAL_SUFFIX}`;
  try {
    await mkdir(dirname(output), { recursive: true });
    await write(partial);
    await rename(partial, output);
  } catch (error) {
    await rm(partial, { force: true });
    throw describeWriteError(error, what, output);
  } finally {
    await rm(partial, { force: true });
  }
}

function describeWriteError(error: unknown, what: string, output: string): unknown {
  if (isCancelled(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new KilnError(`${what} failed: the disk is full (no space left for ${output})`, {
      code: 'disk-full',
      hint: `free space on the file system of ${dirname(output)}, or set output to a place with room`,
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new KilnError(`${what} failed: ${reason}`, {
    code: error instanceof KilnError ? error.code : 'post-processor',
    ...(error instanceof KilnError && error.hint ? { hint: error.hint } : {}),
    cause: error,
  });
}
