// Hashes files and directory trees by content: the snapshot cache keys on bytes, never on names or times.
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Adds `path` (a file, or every file under a directory, in name order) to `hash`: relative names and bytes. */
export async function hashTree(hash: Hash, path: string): Promise<void> {
  const info = await stat(path);
  if (!info.isDirectory()) return hashFile(hash, path, '');
  for (const file of await listFiles(path)) await hashFile(hash, file, relative(path, file));
}

async function hashFile(hash: Hash, path: string, name: string): Promise<void> {
  const { size } = await stat(path);
  hash.update(`file ${JSON.stringify(name)} ${size}\n`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/** Every file under `dir`, in name order (depth first). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}
