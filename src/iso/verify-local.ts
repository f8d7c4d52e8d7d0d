// Checks a local ISO (or a cached download) against its checksum in one read, without copying it.
import { rm, stat } from 'node:fs/promises';
import { CancelledError, KilnError } from '../core/errors.js';
import type { Checksum, ResolvedChecksum } from './checksum-spec.js';
import { checksumMismatch, digestFile, type ProgressCallback } from './digest.js';

/** Throws 'iso-not-found' or 'checksum-mismatch'; with checksum `none` only checks that the file exists. */
export async function verifyLocalIso(
  path: string,
  checksum: ResolvedChecksum,
  signal: AbortSignal,
  progress?: ProgressCallback,
): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new KilnError(`ISO file ${path} ${info ? 'is not a regular file' : 'does not exist'}`, {
      code: 'iso-not-found',
    });
  }
  if (checksum === 'none') return;
  const actual = await digestOrCancel(path, checksum, signal, progress);
  if (actual !== checksum.hex) throw checksumMismatch(path, checksum, actual);
}

/**
 * True when `target` exists and matches; a stale or corrupt file is removed so the download replaces it.
 * Cached files were renamed into place only after their digest matched, so a mismatch here means a
 * different checksum with a colliding name, or disk damage.
 */
export async function checkCachedIso(
  target: string,
  checksum: Checksum,
  signal: AbortSignal,
  progress?: ProgressCallback,
): Promise<'hit' | 'miss' | 'mismatch'> {
  const info = await stat(target).catch(() => undefined);
  if (!info?.isFile()) return 'miss';
  const actual = await digestOrCancel(target, checksum, signal, progress);
  if (actual === checksum.hex) return 'hit';
  await rm(target, { force: true });
  return 'mismatch';
}

async function digestOrCancel(
  path: string,
  checksum: Checksum,
  signal: AbortSignal,
  progress: ProgressCallback | undefined,
): Promise<string> {
  try {
    return await digestFile(path, checksum.algorithm, signal, progress);
  } catch (error) {
    if (signal.aborted) throw new CancelledError(`verifying ${path} cancelled`);
    throw new KilnError(`could not read ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      code: 'iso-unreadable',
      cause: error,
    });
  }
}
