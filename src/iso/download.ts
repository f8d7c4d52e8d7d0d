// Streams an http(s) URL to a unique `.part` file, hashing on the way, and renames it into place only when
// the digest matches: an interrupted or corrupt download never sits at the target path.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CancelledError, KilnError } from '../core/errors.js';
import type { ResolvedChecksum } from './checksum-spec.js';
import { checksumMismatch, DigestStream, type ProgressCallback } from './digest.js';
import { describeFetchError } from './resolve-checksum.js';

export interface DownloadResult {
  bytes: number;
  /** sha256 when no checksum was given, so the user can pin it next time. */
  digest: string;
}

export async function downloadToFile(
  url: URL,
  target: string,
  checksum: ResolvedChecksum,
  signal: AbortSignal,
  progress?: ProgressCallback,
): Promise<DownloadResult> {
  const response = await request(url, signal);
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(length) ? length : undefined;
  const digest = new DigestStream(checksum === 'none' ? 'sha256' : checksum.algorithm, total, progress);
  // Unique per process and attempt, so concurrent Kiln runs never write the same file; rename is atomic.
  const part = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  try {
    const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    await pipeline(body, digest, createWriteStream(part, { flags: 'wx' }), { signal });
    const hex = digest.hex();
    if (checksum !== 'none' && hex !== checksum.hex) throw checksumMismatch(url.href, checksum, hex);
    await rename(part, target);
    return { bytes: digest.bytes, digest: hex };
  } catch (error) {
    await rm(part, { force: true });
    if (signal.aborted) throw new CancelledError(`download of ${url.href} cancelled`);
    if (error instanceof KilnError) throw error;
    throw new KilnError(
      `download of ${url.href} failed after ${digest.bytes} bytes: ${describeFetchError(error)}`,
      {
        code: 'download-failed',
        cause: error,
      },
    );
  }
}

async function request(
  url: URL,
  signal: AbortSignal,
): Promise<Response & { body: ReadableStream<Uint8Array> }> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw new CancelledError(`download of ${url.href} cancelled`);
    throw new KilnError(`could not download ${url.href}: ${describeFetchError(error)}`, {
      code: 'download-failed',
      cause: error,
    });
  }
  if (response.ok && response.body !== null)
    return response as Response & { body: ReadableStream<Uint8Array> };
  await response.body?.cancel();
  throw new KilnError(
    `could not download ${url.href}: HTTP ${response.status} ${response.statusText}`.trim(),
    {
      code: 'http-status',
      hint: response.status === 404 ? 'the release may have moved: check the URL in a browser' : undefined,
    },
  );
}
