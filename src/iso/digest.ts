// One-pass hashing: a pass-through stream that digests and counts bytes, and a file verifier built on it.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KilnError } from '../core/errors.js';
import type { Checksum, ChecksumAlgorithm } from './checksum-spec.js';

/** Bytes done so far, out of `total` when the size is known. */
export type ProgressCallback = (done: number, total: number | undefined) => void;

/** Digests what flows through it and reports progress; the data itself passes on unchanged. */
export class DigestStream extends Transform {
  readonly #hash: Hash;
  readonly #total: number | undefined;
  readonly #progress: ProgressCallback | undefined;
  #done = 0;

  constructor(algorithm: ChecksumAlgorithm, total: number | undefined, progress?: ProgressCallback) {
    super();
    this.#hash = createHash(algorithm);
    this.#total = total;
    this.#progress = progress;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.#done += chunk.length;
    this.#progress?.(this.#done, this.#total);
    callback(null, chunk);
  }

  /**
   * Hashes and counts bytes already on disk (a `.part` being resumed) without passing them on. Progress
   * reports them with the first new chunk: the download may not get that far (a 404).
   */
  async absorb(path: string, signal: AbortSignal): Promise<void> {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) {
      this.#hash.update(chunk as Buffer);
      this.#done += (chunk as Buffer).length;
    }
  }

  get bytes(): number {
    return this.#done;
  }

  /** Call once, after the stream has finished. */
  hex(): string {
    return this.#hash.digest('hex');
  }
}

/** Hashes a file in one read; rejects with the abort reason if `signal` fires. */
export async function digestFile(
  path: string,
  algorithm: ChecksumAlgorithm,
  signal: AbortSignal,
  progress?: ProgressCallback,
): Promise<string> {
  const { size } = await stat(path);
  const digest = new DigestStream(algorithm, size, progress);
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  await pipeline(createReadStream(path), digest, sink, { signal });
  return digest.hex();
}

export function checksumMismatch(what: string, expected: Checksum, actualHex: string): KilnError {
  return new KilnError(
    `checksum mismatch for ${what}: expected ${expected.algorithm}:${expected.hex}, got ${expected.algorithm}:${actualHex}`,
    {
      code: 'checksum-mismatch',
      hint: 'the file is corrupt or iso_checksum is for another release; check both against the distribution',
    },
  );
}

/**
 * Hashes a file once for several algorithms (Node's names: md5, sha1, sha224, sha256, sha384, sha512): each
 * chunk read feeds every hash, so N digests cost one read. Returns hex digests by algorithm.
 */
export async function digestFileMany(
  path: string,
  algorithms: readonly string[],
  signal: AbortSignal,
  progress?: ProgressCallback,
): Promise<Map<string, string>> {
  const { size } = await stat(path);
  const hashes = algorithms.map((algorithm) => [algorithm, createHash(algorithm)] as const);
  let done = 0;
  // 1 MiB reads: the default 64 KiB chunks cost measurably more per byte on multi-GB disks.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) {
    const bytes = chunk as Buffer;
    for (const [, hash] of hashes) hash.update(bytes);
    done += bytes.length;
    progress?.(done, size);
  }
  return new Map(hashes.map(([algorithm, hash]) => [algorithm, hash.digest('hex')]));
}
