// Walks a local directory for upload: every directory and regular file below it (symlinks followed, as
// Packer's scp upload reads through them), with paths relative to the root and each file's mode and size.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalEntry {
  /** Relative to the walked root, '/'-separated. */
  relative: string;
  absolute: string;
  kind: 'dir' | 'file';
  mode: number;
  size: number;
}

export async function walkLocalTree(root: string): Promise<LocalEntry[]> {
  const entries: LocalEntry[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const absolute = join(dir, name);
      const relative = prefix ? `${prefix}/${name}` : name;
      const info = await stat(absolute);
      if (info.isDirectory()) {
        entries.push({ relative, absolute, kind: 'dir', mode: info.mode & 0o7777, size: 0 });
        await visit(absolute, relative);
      } else if (info.isFile()) {
        entries.push({ relative, absolute, kind: 'file', mode: info.mode & 0o7777, size: info.size });
      }
    }
  };
  await visit(root, '');
  return entries;
}
