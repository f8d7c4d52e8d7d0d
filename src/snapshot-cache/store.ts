// The snapshot cache on disk: <cache dir>/snapshots/<key>/. Entries appear by an atomic rename of a finished
// staging directory and go by a rename to a trash name, so a reader sees a whole entry or none; a build that
// loses the race to write the same key drops its copy. Commits and evictions hold the cache lock.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DISK_FILE,
  describeFiles,
  entryProblem,
  MANIFEST_FILE,
  readManifest,
  type SnapshotEntry,
  STATE_FILE,
} from './entry.js';
import { withCacheLock } from './lock.js';

export function snapshotsDir(cacheDir: string): string {
  return join(cacheDir, 'snapshots');
}

export type Lookup =
  | { kind: 'hit'; entry: SnapshotEntry; disk: string; state: string }
  | { kind: 'unusable'; problem: string }
  | { kind: 'absent' };

export async function findEntry(
  root: string,
  key: string,
  qemuVersion: string,
  signal: AbortSignal,
): Promise<Lookup> {
  const dir = join(root, key);
  if (!(await exists(join(dir, MANIFEST_FILE)))) return { kind: 'absent' };
  const problem = await entryProblem(dir, key, qemuVersion, signal);
  if (problem) return { kind: 'unusable', problem };
  return {
    kind: 'hit',
    entry: await readManifest(dir),
    disk: join(dir, DISK_FILE),
    state: join(dir, STATE_FILE),
  };
}

/** A private directory to write an entry's files into; its name carries the pid so prune knows it is stale. */
export async function stageEntry(root: string): Promise<string> {
  await mkdir(root, { recursive: true });
  return mkdtemp(join(root, `.staging-${process.pid}-`));
}

/** Checksums the staged files, then renames the directory into place; false when another build was first. */
export async function commitEntry(
  root: string,
  staging: string,
  entry: Omit<SnapshotEntry, 'files'>,
  signal: AbortSignal,
): Promise<boolean> {
  const files = await describeFiles(staging, signal);
  await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify({ ...entry, files }, null, 2)}\n`);
  return withCacheLock(root, async () => {
    try {
      await rename(staging, join(root, entry.key));
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      await rm(staging, { recursive: true, force: true });
      return false;
    }
  });
}

/** Marks the entry as just used: least recently used entries are evicted first. */
export async function touchEntry(root: string, key: string): Promise<void> {
  const now = new Date();
  await utimes(join(root, key, MANIFEST_FILE), now, now).catch(() => undefined);
}

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
    const stale = name.startsWith('.trash-') || (staging && !isAlive(Number(staging[1])));
    if (!stale) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
