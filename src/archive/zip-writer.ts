// A streaming zip writer: each member is deflated (zlib, raw deflate) as it is read, with a data descriptor
// after it, so nothing is buffered whole and the output is never seeked; ZIP64 records are written when a member,
// an offset or the count outgrow the classic fields. Node has no zip writer and the npm ones either buffer, are
// unmaintained, or pull in a tree of dependencies (archiver: 40+ packages) for ~150 lines of format.
import { pipeline, Readable, Transform } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';
import { type ArchiveEntry, openEntry } from './entries.js';
import {
  type CentralRecord,
  centralDirectory,
  DEFLATE,
  dataDescriptor,
  dosDateTime,
  localHeader,
  MAX32,
  STORE,
} from './zip-records.js';

/** `level` 0 stores members; 1–9 deflates them. */
export function zipStream(
  entries: readonly ArchiveEntry[],
  level: number,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Readable {
  return Readable.from(zipChunks(entries, level, onBytes, signal), { objectMode: false });
}

async function* zipChunks(
  entries: readonly ArchiveEntry[],
  level: number,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const records: CentralRecord[] = [];
  let offset = 0;
  for (const entry of entries) {
    const opened = await openEntry(entry);
    const name = Buffer.from(opened.name, 'utf8');
    const { time, date } = dosDateTime(opened.mtime);
    const method = level === 0 ? STORE : DEFLATE;
    // Deflate can grow incompressible data slightly: decide ZIP64 on a margin over the input size.
    const zip64 = opened.size + opened.size / 100 + 1024 >= MAX32 || offset >= MAX32;
    const header = localHeader(name, method, time, date, zip64);
    yield header;
    let crc = 0;
    let compressed = 0;
    const body = opened.open();
    const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
    const checksum = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        crc = crc32(chunk, crc);
        onBytes(chunk.length);
        callback(null, chunk);
      },
    });
    let failure: Error | undefined;
    const onEnd = (error: Error | null): void => {
      failure ??= error ?? undefined;
    };
    // Callback pipeline: returns its last stream to read from, and destroys them all on an error.
    const output =
      method === DEFLATE
        ? pipeline(source, checksum, createDeflateRaw({ level, chunkSize: 1 << 20 }), onEnd)
        : pipeline(source, checksum, onEnd);
    try {
      for await (const chunk of output) {
        signal.throwIfAborted();
        compressed += chunk.length;
        yield chunk;
      }
    } finally {
      // The consumer stopped early (an error, a cancel): close the member's file too.
      source.destroy();
    }
    if (failure) throw failure;
    const record = { name, crc, compressed, size: opened.size, offset, method, time, date, zip64 };
    const descriptor = dataDescriptor(record);
    yield descriptor;
    records.push(record);
    offset += header.length + compressed + descriptor.length;
  }
  yield* centralDirectory(records, offset);
}
