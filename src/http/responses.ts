// Writes one response (file, memory or error) and reports how many body bytes went out.

import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from './content-type.js';

/** What a `transform` hook sees: the URL path asked for and the real file under the root. */
export interface ServedFile {
  urlPath: string;
  filePath: string;
}

/** A replacement body for a file (e.g. a rendered `*.hbs` template), or undefined to serve it as is. */
export interface TransformedFile {
  body: string | Uint8Array;
  contentType?: string;
}

/**
 * Seam for rendering files before they are served (a later issue renders `*.hbs`). It only sees files that
 * exist under the root and passed the traversal checks.
 */
export type FileTransform = (file: ServedFile) => Promise<TransformedFile | undefined>;

export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  contentType: string,
  head: boolean,
): number {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(head ? undefined : bytes);
  return head ? 0 : bytes.length;
}

export function sendError(res: ServerResponse, status: number, message: string, head: boolean): number {
  return sendBody(res, status, `${message}\n`, 'text/plain; charset=utf-8', head);
}

/**
 * Streams the file byte for byte; the length comes from the open descriptor, not from an earlier stat.
 * `count` hears body bytes as they go out: the response may close (and be logged) before this resolves.
 */
export async function sendFile(
  res: ServerResponse,
  file: ServedFile,
  head: boolean,
  count: (bytes: number) => void,
  transform?: FileTransform,
): Promise<void> {
  const replaced = await transform?.(file);
  if (replaced !== undefined) {
    count(sendBody(res, 200, replaced.body, replaced.contentType ?? contentTypeFor(file.urlPath), head));
    return;
  }
  const handle = await open(file.filePath, 'r');
  try {
    const { size } = await handle.stat();
    res.writeHead(200, { 'Content-Type': contentTypeFor(file.filePath), 'Content-Length': size });
    if (head) {
      res.end();
      return;
    }
    const stream = handle.createReadStream({ autoClose: false });
    stream.on('data', (chunk: string | Buffer) => count(chunk.length));
    await pipeline(stream, res);
  } finally {
    await handle.close();
  }
}
