// One snapshot in the cache: a directory named by its key holding the VM's disk (qcow2), its memory and device
// state (a QEMU migration stream), with efi_boot its UEFI variable store, and entry.json, which says what made
// it and checksums every file.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../core/errors.js';
import { digestFile } from '../iso/digest.js';

/** Bumped when the layout or the meaning of a key changes: older entries are then ignored. */
export const ENTRY_VERSION = 1;
export const DISK_FILE = 'disk.qcow2';
export const STATE_FILE = 'vmstate';
/** efi_boot: the pflash variable store as it was when the VM was paused. */
export const EFIVARS_FILE = 'efivars.fd';
export const MANIFEST_FILE = 'entry.json';

export interface EntryFile {
  name: string;
  size: number;
  sha256: string;
}

export interface SnapshotEntry {
  version: number;
  key: string;
  /** How many of the template's provisioners had run: 0 = right after the install (SSH up). */
  provisionersDone: number;
  /** For `kiln cache ls`: the template and build that made it. */
  template: string;
  build: string;
  /** `qemu-system --version`: a migration stream only loads into the QEMU that wrote it. */
  qemuVersion: string;
  /** Guest work this snapshot stands for (install and provisioners), what resuming from it saves. */
  costMs: number;
  createdAt: string;
  files: EntryFile[];
}

/** What a build looks an entry up by: its key, its QEMU, and the files it restores from it. */
export interface EntryWanted {
  key: string;
  qemuVersion: string;
  files: readonly string[];
}

export function entryLabel(provisionersDone: number): string {
  if (provisionersDone === 0) return 'install';
  return `install + ${provisionersDone} provisioner${provisionersDone === 1 ? '' : 's'}`;
}

/** Sizes and checksums of the files named, staged in `dir` (one missing is an error). */
export async function describeFiles(
  dir: string,
  names: readonly string[],
  signal: AbortSignal,
): Promise<EntryFile[]> {
  const files: EntryFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    files.push({ name, size: (await stat(path)).size, sha256: await digestFile(path, 'sha256', signal) });
  }
  return files;
}

export async function readManifest(dir: string): Promise<SnapshotEntry> {
  return JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as SnapshotEntry;
}

/**
 * Why the entry in `dir` cannot be used (unreadable, another layout, another QEMU, a file this build needs not
 * in it, a file changed since it was written), or undefined when it can.
 */
export async function entryProblem(
  dir: string,
  want: EntryWanted,
  signal: AbortSignal,
): Promise<string | undefined> {
  const { key, qemuVersion } = want;
  let entry: SnapshotEntry;
  try {
    entry = await readManifest(dir);
  } catch (error) {
    return `its entry.json is unreadable (${errorMessage(error)})`;
  }
  if (entry.version !== ENTRY_VERSION || entry.key !== key || !Array.isArray(entry.files))
    return 'it was written by another Kiln version';
  if (entry.qemuVersion !== qemuVersion)
    return `it was written by ${entry.qemuVersion}, this is ${qemuVersion}`;
  const absent = want.files.find((name) => !entry.files.some((file) => file.name === name));
  if (absent) return `${absent} is missing`;
  for (const file of entry.files) {
    const path = join(dir, file.name);
    const size = await stat(path).then(
      (s) => s.size,
      () => -1,
    );
    if (size < 0) return `${file.name} is missing`;
    if (size !== file.size || (await digestFile(path, 'sha256', signal)) !== file.sha256)
      return `${file.name} was changed after it was saved`;
  }
  return undefined;
}
