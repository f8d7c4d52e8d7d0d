// The GET of a download, from byte `offset` on when a `.part` is resumed, and what the answer means for it:
// append (206 from that offset), start over (200: the server ignored Range), or retry in full (416 or
// another range: the `.part` is longer than the file, or the server is confused).
import { KilnError } from '../core/errors.js';

export type Body = Response & { body: ReadableStream<Uint8Array> };

export type RangeAnswer =
  | { kind: 'append'; total: number | undefined }
  | { kind: 'whole'; total: number | undefined; why?: string }
  | { kind: 'retry'; why: string };

/** Rejects with fetch's own error (the caller names it) or a KilnError for an HTTP error status. */
export async function requestFrom(url: URL, offset: number, signal: AbortSignal): Promise<Response> {
  // identity: byte offsets must count the file's bytes, not a compressed form of them.
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
  if (offset > 0) headers.Range = `bytes=${offset}-`;
  const response = await fetch(url, { signal, headers });
  if ((response.ok || (offset > 0 && response.status === 416)) && response.body !== null) return response;
  await response.body?.cancel();
  throw new KilnError(
    `could not download ${url.href}: HTTP ${response.status} ${response.statusText}`.trim(),
    {
      code: 'http-status',
      hint: response.status === 404 ? 'the release may have moved: check the URL in a browser' : undefined,
    },
  );
}

export function rangeAnswer(response: Response, offset: number): RangeAnswer {
  const length = contentLength(response);
  if (response.status === 416) return { kind: 'retry', why: `the server has no bytes from ${offset} on` };
  if (response.status !== 206) {
    const why = offset > 0 ? 'the server ignored the Range request' : undefined;
    return { kind: 'whole', total: length, ...(why ? { why } : {}) };
  }
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  if (range === null || Number(range[1]) !== offset) {
    return { kind: 'retry', why: `the server sent another range (${response.headers.get('content-range')})` };
  }
  const complete = range[3] === '*' ? Number.NaN : Number(range[3]);
  return {
    kind: 'append',
    total: Number.isFinite(complete) ? complete : length === undefined ? undefined : offset + length,
  };
}

function contentLength(response: Response): number | undefined {
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  return Number.isFinite(length) ? length : undefined;
}
