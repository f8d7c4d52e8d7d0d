// A tar stream of the given entries (tar-stream's ustar writer; members at the root, no directory entries),
// each file streamed from disk with backpressure, never read whole.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pack as tarPack } from 'tar-stream';
import { type ArchiveEntry, openEntry } from './entries.js';

/** `onBytes` counts member bytes as they are read, for progress. */
export function tarStream(
  entries: readonly ArchiveEntry[],
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Readable {
  const pack = tarPack();
  void fill().catch((error: unknown) =>
    pack.destroy(error instanceof Error ? error : new Error(String(error))),
  );

  async function fill(): Promise<void> {
    for (const entry of entries) {
      const opened = await openEntry(entry);
      const header = { name: opened.name, size: opened.size, mode: opened.mode, mtime: opened.mtime };
      const body = opened.open();
      let settle: (error?: Error | null) => void = () => {};
      const written = new Promise<void>((done, fail) => {
        settle = (error) => (error ? fail(error) : done());
      });
      written.catch(() => {}); // awaited below; a failure before that is reported by pack.destroy
      const sink = pack.entry(header, (error) => settle(error));
      // Destroying the pack (the consumer failed or was cancelled) errors the entry: that is this entry's end.
      sink.on('error', (error: Error) => settle(error));
      if (body instanceof Uint8Array) {
        sink.write(Buffer.from(body));
        onBytes(body.length);
      } else {
        try {
          for await (const chunk of body as AsyncIterable<Buffer>) {
            signal.throwIfAborted();
            onBytes(chunk.length);
            if (!sink.write(chunk)) await once(sink, 'drain', { signal });
          }
        } finally {
          body.destroy();
        }
      }
      sink.end(null); // streamx: end(data) writes data unless it is null
      await written;
    }
    pack.finalize();
  }
  // tar-stream 3 is a streamx stream; Readable.from gives Node's pipeline a Node stream with its semantics.
  return Readable.from(pack);
}
