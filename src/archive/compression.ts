// The stream compressors archives use: gzip from Node's zlib; zstd and xz as Debian's own binaries run as a
// stream filter, because Node 20's zlib has no zstd and no npm xz/zstd encoder is both maintained and native.
import type { Duplex } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
import { processFilter } from './process-filter.js';

export type Compression = 'none' | 'gzip' | 'zstd' | 'xz';

/** The level each compressor uses when the template gives none (each tool's own default). */
export const DEFAULT_LEVEL: Record<Compression, number> = { none: 0, gzip: 6, zstd: 3, xz: 6 };
/** The highest level each compressor takes. */
export const MAX_LEVEL: Record<Compression, number> = { none: 0, gzip: 9, zstd: 19, xz: 9 };

/** Large chunks: zlib's 16 KiB default costs ~10% in per-chunk overhead on multi-GB disks. */
const CHUNK = 1024 * 1024;

/** A transform from plain bytes to `kind`-compressed bytes; undefined for `none`. */
export function compressor(kind: Compression, level: number): Duplex | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'gzip':
      return createGzip({ level, chunkSize: CHUNK, memLevel: constants.Z_DEFAULT_MEMLEVEL });
    case 'zstd':
      // -T0: zstd's own threads; -q: no progress on stderr (stderr is kept for the error message).
      return processFilter('zstd', [`-${level}`, '-T0', '-q', '-c']);
    case 'xz':
      return processFilter('xz', [`-${level}`, '-T0', '-q', '-c']);
  }
}
