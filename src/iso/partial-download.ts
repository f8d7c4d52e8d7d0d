// The one `.part` file of a cache entry: where a download writes until its digest matches. The cache lock
// makes one process its only writer, so whatever a killed or failed run left there can be resumed.
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pidExists } from '../process/pid-exists.js';

export function partPath(target: string): string {
  return `${target}.part`;
}

/** Bytes already in the `.part` file (0 when there is none). */
export async function partSize(target: string): Promise<number> {
  const info = await stat(partPath(target)).catch(() => undefined);
  return info?.isFile() ? info.size : 0;
}

/**
 * Kiln 0.1 wrote `<target>.<pid>-<random>.part` and removed it only after a day. Call with the cache lock
 * held: the largest such file of a dead process becomes the resumable `.part` (when there is none yet); the
 * others are removed. Returns what was done, for the log.
 */
export async function adoptLegacyParts(target: string): Promise<string[]> {
  const dir = dirname(target);
  const prefix = `${basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const legacy: { path: string; size: number }[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.part')) continue;
    const pid = /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length, -'.part'.length))?.[1];
    if (pid === undefined || pidExists(Number(pid))) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile()) legacy.push({ path: join(dir, name), size: info.size });
  }
  legacy.sort((a, b) => b.size - a.size);
  const notes: string[] = [];
  const [largest, ...rest] = legacy;
  if (largest !== undefined && (await partSize(target)) === 0) {
    await rename(largest.path, partPath(target));
    notes.push(`kept ${largest.path} (${largest.size} bytes) to resume`);
  } else if (largest !== undefined) rest.unshift(largest);
  for (const { path } of rest) {
    await rm(path, { force: true });
    notes.push(`removed leftover partial download ${path}`);
  }
  return notes;
}
