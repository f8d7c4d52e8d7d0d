// A streaming zip writer: each member is deflated (zlib, raw deflate) as it is read, with a data descriptor
// after it, so nothing is buffered whole and the output is never seeked; ZIP64 records are written when a member,
// an offset or the count outgrow the classic fields. Node has no zip writer and the npm ones either buffer, are
// unmaintained, or pull in a tree of dependencies (archiver: 40+ packages) for ~150 lines of format.
import { pipeline, Readable, Transform } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';
import { type ArchiveEntry, openEntry } from './entries.js';

const MAX32 = 0xffffffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;
const STORE = 0;

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  method: number;
  time: number;
  date: number;
  zip64: boolean;
}

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
    for await (const chunk of output) {
      signal.throwIfAborted();
      compressed += chunk.length;
      yield chunk;
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

function localHeader(name: Buffer, method: number, time: number, date: number, zip64: boolean): Buffer {
  // With a data descriptor the sizes and CRC here are zero; ZIP64 marks them 0xffffffff with a zeroed extra.
  const extra = zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(zip64 ? 45 : 20, 4);
  b.writeUInt16LE(FLAG_DESCRIPTOR | FLAG_UTF8, 6);
  b.writeUInt16LE(method, 8);
  b.writeUInt16LE(time, 10);
  b.writeUInt16LE(date, 12);
  b.writeUInt32LE(0, 14);
  b.writeUInt32LE(zip64 ? MAX32 : 0, 18);
  b.writeUInt32LE(zip64 ? MAX32 : 0, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(extra.length, 28);
  return Buffer.concat([b, name, extra]);
}

function dataDescriptor(r: CentralRecord): Buffer {
  const b = Buffer.alloc(r.zip64 ? 24 : 16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(r.crc >>> 0, 4);
  if (r.zip64) {
    b.writeBigUInt64LE(BigInt(r.compressed), 8);
    b.writeBigUInt64LE(BigInt(r.size), 16);
  } else {
    b.writeUInt32LE(r.compressed, 8);
    b.writeUInt32LE(r.size, 12);
  }
  return b;
}

function* centralDirectory(records: readonly CentralRecord[], start: number): Generator<Buffer> {
  let length = 0;
  for (const r of records) {
    const extra = r.zip64 ? zip64Extra([r.size, r.compressed, r.offset]) : Buffer.alloc(0);
    const b = Buffer.alloc(46);
    b.writeUInt32LE(0x02014b50, 0);
    b.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, spec 4.5
    b.writeUInt16LE(r.zip64 ? 45 : 20, 6);
    b.writeUInt16LE(FLAG_DESCRIPTOR | FLAG_UTF8, 8);
    b.writeUInt16LE(r.method, 10);
    b.writeUInt16LE(r.time, 12);
    b.writeUInt16LE(r.date, 14);
    b.writeUInt32LE(r.crc >>> 0, 16);
    b.writeUInt32LE(r.zip64 ? MAX32 : r.compressed, 20);
    b.writeUInt32LE(r.zip64 ? MAX32 : r.size, 24);
    b.writeUInt16LE(r.name.length, 28);
    b.writeUInt16LE(extra.length, 30);
    b.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    b.writeUInt32LE(r.zip64 ? MAX32 : r.offset, 42);
    const record = Buffer.concat([b, r.name, extra]);
    length += record.length;
    yield record;
  }
  const needs64 = records.length >= 0xffff || start >= MAX32 || length >= MAX32;
  if (needs64) yield zip64End(records.length, length, start);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(needs64 ? 0xffff : records.length, 8);
  end.writeUInt16LE(needs64 ? 0xffff : records.length, 10);
  end.writeUInt32LE(needs64 ? MAX32 : length, 12);
  end.writeUInt32LE(needs64 ? MAX32 : start, 16);
  yield end;
}

/** The ZIP64 end-of-central-directory record and its locator. */
function zip64End(count: number, length: number, start: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE((3 << 8) | 45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(length), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(start + length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator]);
}

function zip64Extra(values: readonly number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  for (const [i, value] of values.entries()) b.writeBigUInt64LE(BigInt(value), 4 + 8 * i);
  return b;
}

/** MS-DOS time and date fields (local time, 2-second resolution, 1980 at the earliest). */
function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.max(when.getFullYear(), 1980);
  return {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
  };
}
