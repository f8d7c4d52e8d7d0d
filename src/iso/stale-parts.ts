// Removes `.part` files that crashed or killed Kiln runs left next to a cache target.
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Old enough that no live download can still be writing it. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Live downloads keep writing their `.part`, so only files untouched for a day are removed; a failure to
 * remove one is ignored (another process may have just renamed or removed it).
 */
export async function removeStaleParts(target: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(target);
  const prefix = `${basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.part')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || now - info.mtimeMs < STALE_AFTER_MS) continue;
    await rm(path, { force: true }).catch(() => undefined);
    removed.push(path);
  }
  return removed;
}
