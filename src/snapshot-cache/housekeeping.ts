// Housekeeping of the snapshot cache: listing entries (least recently used first), evicting down to a size,
// removing entries (renamed away first, so a concurrent reader never sees half of one) and the leftovers of
// builds that died.
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pidExists } from '../process/pid-exists.js';
import { MANIFEST_FILE, readManifest, type SnapshotEntry } from './entry.js';
import { withCacheLock } from './lock.js';

export interface ListedEntry {
  key: string;
  /** undefined when entry.json cannot be read (a corrupt entry). */
  entry: SnapshotEntry | undefined;
  size: number;
  lastUsed: Date;
}

export async function listEntries(root: string): Promise<ListedEntry[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const listed: ListedEntry[] = [];
  for (const key of names.filter((name) => !name.startsWith('.'))) {
    const dir = join(root, key);
    const files = await readdir(dir).catch(() => [] as string[]);
    let size = 0;
    for (const file of files)
      size += await stat(join(dir, file)).then(
        (s) => s.size,
        () => 0,
      );
    const used = await stat(join(dir, MANIFEST_FILE)).then(
      (s) => s.mtime,
      () => new Date(0),
    );
    const entry = await readManifest(dir).catch(() => undefined);
    listed.push({ key, entry, size, lastUsed: used });
  }
  return listed.sort((a, b) => a.lastUsed.getTime() - b.lastUsed.getTime());
}

/** Removes least recently used entries (never those in `keep`) until the cache holds at most `maxBytes`. */
export async function evictTo(
  root: string,
  maxBytes: number,
  keep: ReadonlySet<string> = new Set(),
): Promise<ListedEntry[]> {
  return withCacheLock(root, async () => {
    const entries = await listEntries(root);
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    const evicted: ListedEntry[] = [];
    for (const listed of entries) {
      if (total <= maxBytes) break;
      if (keep.has(listed.key)) continue;
      await removeEntry(root, listed.key);
      total -= listed.size;
      evicted.push(listed);
    }
    return evicted;
  });
}

/** Renamed away first, so a concurrent reader never sees half an entry. */
export async function removeEntry(root: string, key: string): Promise<void> {
  const trash = join(root, `.trash-${randomBytes(6).toString('hex')}`);
  try {
    await rename(join(root, key), trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
}

/** Staging directories of builds that died, and trash that was not removed: both safe to delete. */
export async function removeLeftovers(root: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const staging = /^\.staging-(\d+)-/.exec(name);
    const stale = name.startsWith('.trash-') || (staging && !pidExists(Number(staging[1])));
    if (!stale) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
