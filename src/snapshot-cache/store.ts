// The snapshot cache on disk: <cache dir>/snapshots/<key>/. Entries appear by an atomic rename of a finished
// staging directory and go by a rename to a trash name, so a reader sees a whole entry or none; a build that
// loses the race to write the same key drops its copy. Commits and evictions hold the cache lock.
import { mkdir, mkdtemp, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  describeFiles,
  type EntryWanted,
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
  | { kind: 'hit'; entry: SnapshotEntry; dir: string; state: string }
  | { kind: 'unusable'; problem: string }
  | { kind: 'absent' };

export async function findEntry(root: string, want: EntryWanted, signal: AbortSignal): Promise<Lookup> {
  const dir = join(root, want.key);
  if (!(await exists(join(dir, MANIFEST_FILE)))) return { kind: 'absent' };
  const problem = await entryProblem(dir, want, signal);
  if (problem) return { kind: 'unusable', problem };
  return {
    kind: 'hit',
    entry: await readManifest(dir),
    dir,
    state: join(dir, STATE_FILE),
  };
}

/** A private directory to write an entry's files into; its name carries the pid so prune knows it is stale. */
export async function stageEntry(root: string): Promise<string> {
  await mkdir(root, { recursive: true });
  return mkdtemp(join(root, `.staging-${process.pid}-`));
}

/**
 * Checksums the staged files (`names`), then renames the directory into place; false when another build was
 * first.
 */
export async function commitEntry(
  root: string,
  staging: string,
  entry: Omit<SnapshotEntry, 'files'>,
  names: readonly string[],
  signal: AbortSignal,
): Promise<boolean> {
  const files = await describeFiles(staging, names, signal);
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

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
