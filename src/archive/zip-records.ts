// The zip format's fixed records (PKWARE APPNOTE 6.3): local headers with data descriptors, the central
// directory, and the ZIP64 records used when a size, an offset or the count outgrows 32/16 bits.

export const MAX32 = 0xffffffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
export const DEFLATE = 8;
export const STORE = 0;

export interface CentralRecord {
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

export function localHeader(
  name: Buffer,
  method: number,
  time: number,
  date: number,
  zip64: boolean,
): Buffer {
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

export function dataDescriptor(r: CentralRecord): Buffer {
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

export function* centralDirectory(records: readonly CentralRecord[], start: number): Generator<Buffer> {
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
export function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.max(when.getFullYear(), 1980);
  return {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
  };
}
