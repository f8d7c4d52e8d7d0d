// Writes an OVA: a USTAR tar of descriptor, manifest and disk, in the order the OVF spec wants (DSP0243: the
// .ovf first, the .mf right after it), streamed with tar-stream so the disk is copied once, straight into the tar.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Header, pack as tarPack } from 'tar-stream';
import { KilnError } from '../../core/errors.js';

export interface OvaMembers {
  readonly descriptor: { readonly name: string; readonly text: string };
  readonly manifest: { readonly name: string; readonly text: string };
  readonly disk: {
    readonly name: string;
    readonly path: string;
    readonly size: number;
    readonly sha256: string;
  };
}

/** A USTAR size field holds 11 octal digits; bigger members also get a PAX `size` record. */
const USTAR_MAX_SIZE = 8 * 1024 ** 3 - 1;

type EntryHeader = Partial<Header> & Pick<Header, 'name'>;

/**
 * The disk is hashed again as it streams into the tar: the .mf (which precedes it) holds the digest of an
 * earlier pass, and a disk that changed in between must fail the OVA rather than ship a wrong manifest.
 */
export async function writeOvaTar(path: string, members: OvaMembers, signal: AbortSignal): Promise<void> {
  const mtime = new Date();
  const header = (name: string, size: number): EntryHeader => ({
    name,
    size,
    mode: 0o644,
    mtime,
    type: 'file',
    ...(size > USTAR_MAX_SIZE ? { pax: { size: String(size) } } : {}),
  });
  const pack = tarPack();
  const written = pipeline(pack, createWriteStream(path, { mode: 0o644 }), { signal });
  const streamDisk = async () => {
    for (const member of [members.descriptor, members.manifest]) {
      const bytes = Buffer.from(member.text, 'utf8');
      await new Promise<void>((resolve, reject) =>
        pack.entry(header(member.name, bytes.length), bytes, (error) => (error ? reject(error) : resolve())),
      );
    }
    const { disk } = members;
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const entry = pack.entry(header(disk.name, disk.size));
    await pipeline(createReadStream(disk.path, { highWaterMark: 1 << 20 }), hashing, entry, { signal });
    const streamed = hash.digest('hex');
    if (streamed !== disk.sha256)
      throw new KilnError(
        `${disk.path} changed while the OVA was written (sha256 ${streamed}, manifest has ${disk.sha256})`,
        {
          code: 'post-processor',
        },
      );
    pack.finalize();
  };
  await Promise.all([
    written,
    streamDisk().catch((error: unknown) => {
      pack.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }),
  ]);
}
