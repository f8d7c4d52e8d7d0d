// Test helper: in-memory stdin and output streams for running commands in-process.

import { Readable, Writable } from 'node:stream';

/** A stream that keeps what is written to it. */
export class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function stdin(text: string): NodeJS.ReadableStream {
  return Readable.from([text]);
}
