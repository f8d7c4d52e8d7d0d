// Lays out the files of an extra CD or floppy in a staging directory with Packer's rules, so the image tool
// (xorriso, mtools) only has to copy one tree: cd_files keeps a directory (its contents with a trailing slash,
// or a glob), floppy_files flattens everything to the root, floppy_dirs keeps each directory.
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KilnError } from '../../../core/errors.js';
import { globToRegExp } from '../../../template/index.js';

/** Expands globs in absolute paths (as Go's filepath.Glob); a pattern that matches nothing is an error. */
export async function expandPaths(patterns: readonly string[], key: string): Promise<string[]> {
  const out: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?[]/.test(pattern)) {
      out.push(pattern);
      continue;
    }
    const matches = await glob(pattern);
    if (matches.length === 0) {
      throw new KilnError(`${key}: '${pattern}' matches no file`, {
        code: 'media',
        hint: 'check the pattern (relative paths are relative to the working directory, as in Packer)',
      });
    }
    out.push(...matches);
  }
  return out;
}

/** Packer's StepCreateCD.AddFile: a file goes to the root; a directory keeps its name unless it ends in '/'. */
export async function stageCdFiles(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const info = await stat(path);
    if (!info.isDirectory()) await cp(path, join(root, basename(path)), { dereference: true });
    else if (path.endsWith('/')) await cp(path, root, { recursive: true, dereference: true });
    else await cp(path, join(root, basename(path)), { recursive: true, dereference: true });
  }
}

/** Packer's StepCreateFloppy for floppy_files: every file, also those inside listed directories, at the root. */
export async function stageFlatFiles(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const info = await stat(path);
    if (!info.isDirectory()) {
      await cp(path, join(root, basename(path)), { dereference: true });
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile()) await cp(join(entry.parentPath, entry.name), join(root, entry.name));
    }
  }
}

/** floppy_dirs: each directory copied with its own name, structure kept. */
export async function stageDirectories(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await cp(path, join(root, basename(path.replace(/\/+$/, ''))), { recursive: true, dereference: true });
  }
}

/** cd_content / floppy_content: path → text; written last, so it wins over a file of the same path. */
export async function stageContent(root: string, content: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(content)) {
    const target = join(root, path.replace(/^\/+/, ''));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/** Total bytes of the regular files under `root`. */
export async function treeSize(root: string): Promise<number> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  let total = 0;
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Go's filepath.Glob on an absolute pattern: each segment matched against one directory's entries. */
async function glob(pattern: string): Promise<string[]> {
  let found = ['/'];
  for (const segment of pattern.split('/').filter((part) => part !== '')) {
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?[]/.test(segment)) {
        next.push(join(dir, segment));
        continue;
      }
      const names = await readdir(dir).catch(() => [] as string[]);
      const regex = globToRegExp(segment);
      next.push(...names.filter((name) => regex.test(name)).map((name) => join(dir, name)));
    }
    found = next;
  }
  const exists = await Promise.all(
    found.map((path) =>
      stat(path).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.filter((_, i) => exists[i]).sort();
}
