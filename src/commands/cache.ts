// `kiln cache ls|prune|clear`: the snapshot cache as a user sees it.
import { formatBytes } from '../core/format.js';
import { resolveCacheDir } from '../iso/index.js';
import { cacheMaxBytes } from '../snapshot-cache/cache-max.js';
import { entryLabel } from '../snapshot-cache/entry.js';
import {
  evictTo,
  type ListedEntry,
  listEntries,
  removeEntry,
  removeLeftovers,
} from '../snapshot-cache/housekeeping.js';
import { snapshotsDir } from '../snapshot-cache/store.js';

export type CacheAction = 'ls' | 'prune' | 'clear';

export interface CacheCommandOptions {
  env: NodeJS.ProcessEnv;
  out: { write(text: string): unknown };
}

export async function runCacheCommand(action: CacheAction, options: CacheCommandOptions): Promise<number> {
  const root = snapshotsDir(resolveCacheDir(options.env));
  const max = cacheMaxBytes(options.env);
  const say = (line: string) => options.out.write(`${line}\n`);
  if (action === 'ls') {
    const entries = await listEntries(root);
    for (const listed of entries) say(describeEntry(listed));
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    say(
      `${entries.length} snapshot(s), ${formatBytes(total)} of ${formatBytes(max)} (KILN_CACHE_MAX) in ${root}`,
    );
    return 0;
  }
  const leftovers = await removeLeftovers(root);
  let removed: ListedEntry[];
  if (action === 'clear') {
    removed = await listEntries(root);
    for (const listed of removed) await removeEntry(root, listed.key);
  } else {
    removed = (await listEntries(root)).filter((listed) => listed.entry === undefined);
    for (const listed of removed) await removeEntry(root, listed.key);
    removed.push(...(await evictTo(root, max)));
  }
  const bytes = removed.reduce((sum, e) => sum + e.size, 0);
  say(
    `Removed ${removed.length} snapshot(s) (${formatBytes(bytes)}) and ${leftovers} leftover(s) from ${root}`,
  );
  return 0;
}

function describeEntry({ key, entry, size, lastUsed }: ListedEntry): string {
  const used = lastUsed.toISOString().replace(/\.\d+Z$/, 'Z');
  const what = entry
    ? `${entryLabel(entry.provisionersDone)} of ${entry.build} (${entry.template})`
    : 'unreadable entry (kiln cache prune removes it)';
  return `${key.slice(0, 12)}  ${formatBytes(size).padStart(10)}  used ${used}  ${what}`;
}
