// Pulls exact byte counts off a socket, so the RFB protocol reads as straight-line async code.
import type { Socket } from 'node:net';

interface Waiter {
  readonly need: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private waiter: Waiter | undefined;
  private failure: Error | undefined;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.waiter && this.buffered >= this.waiter.need) this.waiter.resolve();
    });
  }

  /** Makes every pending and future read fail with `error` (the first failure wins). */
  fail(error: Error): void {
    this.failure ??= error;
    this.waiter?.reject(this.failure);
  }

  async read(length: number): Promise<Buffer> {
    await this.fill(length);
    return this.take(length);
  }

  async u8(): Promise<number> {
    return (await this.read(1)).readUInt8(0);
  }

  async u16(): Promise<number> {
    return (await this.read(2)).readUInt16BE(0);
  }

  async u32(): Promise<number> {
    return (await this.read(4)).readUInt32BE(0);
  }

  /** Discards `length` bytes as they arrive, so pixel data never accumulates in memory. */
  async skip(length: number): Promise<void> {
    let left = length;
    while (left > 0) {
      await this.fill(1);
      const n = Math.min(left, this.buffered);
      this.take(n);
      left -= n;
    }
  }

  private fill(length: number): Promise<void> {
    if (this.buffered >= length) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.waiter = {
        need: length,
        resolve: () => {
          this.waiter = undefined;
          resolve();
        },
        reject: (error) => {
          this.waiter = undefined;
          reject(error);
        },
      };
    });
  }

  private take(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    let copied = 0;
    while (copied < length) {
      const head = this.chunks[0]!;
      const n = Math.min(head.length, length - copied);
      head.copy(out, copied, 0, n);
      copied += n;
      if (n === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
    }
    this.buffered -= length;
    return out;
  }
}
