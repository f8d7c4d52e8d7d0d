// Streams an http(s) URL to the cache entry's `.part` file, hashing on the way, and renames it into place
// only when the digest matches: an interrupted or corrupt download never sits at the target path. A `.part`
// left by a killed, failed or stalled run is resumed with a Range request (call with the cache lock held).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CancelledError, KilnError } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import type { ResolvedChecksum } from './checksum-spec.js';
import { checksumMismatch, DigestStream, type ProgressCallback } from './digest.js';
import { partPath, partSize } from './partial-download.js';
import { rangeAnswer, requestFrom } from './range-request.js';
import { describeFetchError } from './resolve-checksum.js';
import { STALL_TIMEOUT_ENV, type StallWatchdog, startStallWatchdog } from './stall-watchdog.js';

export interface DownloadResult {
  bytes: number;
  /** sha256 when no checksum was given, so the user can pin it next time. */
  digest: string;
}

export interface DownloadOptions {
  signal: AbortSignal;
  /** Nothing received for this long (no headers, no bytes) fails the download with 'download-stalled'. */
  stallTimeoutMs: number;
  /** Called every few seconds while nothing arrives, with how long it has been quiet. */
  onQuiet?: (quietMs: number) => void;
  /** What happened to an existing `.part` (resumed, or why it was not). */
  note?: (text: string) => void;
  progress?: ProgressCallback;
}

export async function downloadToFile(
  url: URL,
  target: string,
  checksum: ResolvedChecksum,
  options: DownloadOptions,
): Promise<DownloadResult> {
  // Without a checksum nothing could tell a resumed file from a corrupt one: start over.
  const offset = checksum === 'none' ? 0 : await partSize(target);
  if (offset === 0) return attempt(url, target, checksum, 0, options);
  try {
    return await attempt(url, target, checksum, offset, options);
  } catch (error) {
    if (!(error instanceof KilnError && error.code === 'checksum-mismatch')) throw error;
    options.note?.(`the resumed download does not match the checksum; downloading ${url.href} in full`);
    return attempt(url, target, checksum, 0, options);
  }
}

async function attempt(
  url: URL,
  target: string,
  checksum: ResolvedChecksum,
  resumeFrom: number,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const part = partPath(target);
  const algorithm = checksum === 'none' ? 'sha256' : checksum.algorithm;
  let total: number | undefined;
  let watchdog: StallWatchdog | undefined;
  const report: ProgressCallback = (done) => {
    watchdog?.touch();
    options.progress?.(done, total);
  };
  let digest = new DigestStream(algorithm, undefined, report);
  try {
    if (resumeFrom > 0) await digest.absorb(part, options.signal);
    watchdog = startStallWatchdog(options.signal, options.stallTimeoutMs, (ms) => options.onQuiet?.(ms));
    let from = resumeFrom;
    let response = await requestFrom(url, from, watchdog.signal);
    let answer = rangeAnswer(response, from);
    if (answer.kind === 'retry') {
      await response.body?.cancel();
      options.note?.(`${answer.why}; downloading ${url.href} in full`);
      from = 0;
      response = await requestFrom(url, from, watchdog.signal);
      answer = rangeAnswer(response, from);
    }
    watchdog.touch();
    if (answer.kind === 'whole' && answer.why)
      options.note?.(`${answer.why}; downloading ${url.href} in full`);
    const appending = answer.kind === 'append' && from > 0;
    if (appending) options.note?.(`resuming the partial download ${part} from byte ${from}`);
    // The bytes absorbed from the `.part` are not being continued: hash from the start.
    if (!appending && resumeFrom > 0) digest = new DigestStream(algorithm, undefined, report);
    total = answer.kind === 'retry' ? undefined : answer.total;
    const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    const sink = createWriteStream(part, { flags: appending ? 'a' : 'w' });
    await pipeline(body, digest, sink, { signal: watchdog.signal });
    const hex = digest.hex();
    if (checksum !== 'none' && hex !== checksum.hex) {
      await rm(part, { force: true });
      throw checksumMismatch(url.href, checksum, hex);
    }
    await rename(part, target);
    return { bytes: digest.bytes, digest: hex };
  } catch (error) {
    // After a failure the `.part` stays for the next URL or run to resume (a SIGKILL leaves it too); a
    // cancelled build leaves nothing behind, and without a checksum a `.part` could not be trusted.
    if (checksum === 'none' || options.signal.aborted) await rm(part, { force: true });
    throw describeFailure(error, url, digest.bytes, watchdog, options);
  } finally {
    watchdog?.dispose();
  }
}

function describeFailure(
  error: unknown,
  url: URL,
  bytes: number,
  watchdog: StallWatchdog | undefined,
  options: DownloadOptions,
): unknown {
  if (options.signal.aborted) return new CancelledError(`download of ${url.href} cancelled`);
  if (watchdog?.stalled() || isFetchTimeout(error)) {
    return new KilnError(
      `download of ${url.href} stalled: no data for ${formatDuration(options.stallTimeoutMs)} (after ${bytes} bytes)`,
      {
        code: 'download-stalled',
        cause: error,
        hint: `the server stopped sending; ${STALL_TIMEOUT_ENV} sets how long to wait (now ${formatDuration(options.stallTimeoutMs)}), and a rerun resumes the download`,
      },
    );
  }
  if (error instanceof KilnError) return error;
  const what =
    bytes === 0 ? `could not download ${url.href}` : `download of ${url.href} failed after ${bytes} bytes`;
  return new KilnError(`${what}: ${describeFetchError(error)}`, { code: 'download-failed', cause: error });
}

/** Node's fetch gives up on its own after 5 silent minutes; that is a stall too. */
function isFetchTimeout(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 'UND_ERR_BODY_TIMEOUT' || cause?.code === 'UND_ERR_HEADERS_TIMEOUT';
}
