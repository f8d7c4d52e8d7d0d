// Reads the scp protocol's one-byte acknowledgements (0 ok, 1 warning, 2 fatal + message) from a channel.
import type { Readable } from 'node:stream';

export class ScpAckReader {
  private buffer = Buffer.alloc(0);
  private ended = false;
  private waiter: (() => void) | undefined;

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    stream.once('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  /** Resolves on a 0 byte; rejects with the remote's message otherwise. */
  async expectOk(what: string): Promise<void> {
    const first = await this.take(1);
    if (first[0] === 0) return;
    const message = await this.takeLine();
    throw new Error(`scp ${what}: ${message || `unexpected reply byte ${first[0]}`}`);
  }

  private async take(n: number): Promise<Buffer> {
    while (this.buffer.length < n) {
      if (this.ended) throw new Error('scp: remote closed the channel (is scp installed on the guest?)');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
    const head = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return head;
  }

  private async takeLine(): Promise<string> {
    let line = '';
    for (;;) {
      const newline = this.buffer.indexOf(10);
      if (newline >= 0) {
        line += this.buffer.subarray(0, newline).toString('utf8');
        this.buffer = this.buffer.subarray(newline + 1);
        return line.trim();
      }
      if (this.ended) return (line + this.buffer.toString('utf8')).trim();
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
