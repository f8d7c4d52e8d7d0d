// The small requests around a download (the SUMS file of `iso_checksum: "file:…"`, iso_skip_cache's HEAD)
// get the same stall limit as the download itself: a server that accepts and then sends nothing fails after
// KILN_DOWNLOAD_STALL_TIMEOUT instead of holding the build for Node's 5-minute socket timeout.
import { CancelledError, KilnError } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import { DEFAULT_STALL_TIMEOUT_MS, STALL_TIMEOUT_ENV, startStallWatchdog } from './stall-watchdog.js';

export interface WatchedFetchOptions {
  signal: AbortSignal;
  /** Longest wait for the headers or the next chunk of the body. */
  stallTimeoutMs?: number;
  /** Names the request in the error: "checksum file https://…/SHA256SUMS". */
  what: string;
}

/** Fetches `url` and hands the response to `read`, which calls `touch` whenever bytes arrive. */
export async function watchedFetch<T>(
  url: string | URL,
  init: RequestInit,
  options: WatchedFetchOptions,
  read: (response: Response, touch: () => void) => Promise<T>,
): Promise<T> {
  const timeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const watchdog = startStallWatchdog(options.signal, timeoutMs, () => {});
  try {
    const response = await fetch(url, { ...init, signal: watchdog.signal });
    watchdog.touch();
    return await read(response, watchdog.touch);
  } catch (error) {
    if (options.signal.aborted) throw new CancelledError();
    if (!watchdog.stalled()) throw error;
    throw new KilnError(`${options.what} stalled: no data for ${formatDuration(timeoutMs)}`, {
      code: 'download-stalled',
      hint: `the server accepted the connection and then sent nothing; ${STALL_TIMEOUT_ENV} sets how long to wait`,
      cause: error,
    });
  } finally {
    watchdog.dispose();
  }
}

/** The body as UTF-8 text, touching the watchdog on every chunk. */
export async function readText(response: Response, touch: () => void): Promise<string> {
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body) {
    touch();
    text += decoder.decode(chunk as Uint8Array, { stream: true });
  }
  return text + decoder.decode();
}
