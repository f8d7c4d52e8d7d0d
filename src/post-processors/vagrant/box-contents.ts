// What a provider puts in a box: the files it streams in, its Vagrantfile snippet and its metadata.json.
import type { ArchiveEntry } from '../../archive/entries.js';
import type { Logger } from '../../core/debug-log.js';
import { KilnError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import type { Artifact } from '../../plugins/artifact.js';

export interface BoxContents {
  /** Members besides Vagrantfile and metadata.json, under their names in the box. */
  readonly files: readonly ArchiveEntry[];
  /** The provider's part of the box Vagrantfile. */
  readonly vagrantfile: string;
  readonly metadata: Readonly<Record<string, string | number>>;
}

export interface ProviderContext {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  /** A scratch directory beside the output (same file system), removed after the box is written. */
  readonly workDir: string;
  readonly buildName: string;
  /** The build's debug log, for qemu-img's command lines. */
  readonly log: Logger;
}

export type ProviderProcess = (input: Artifact, ctx: ProviderContext) => Promise<BoxContents>;

/** The artifact's main disk: the QEMU builder lists it first. */
export function mainDisk(input: Artifact, provider: string): string {
  const disk = input.files[0];
  if (disk === undefined) {
    throw new KilnError(`vagrant: the input artifact has no files to make a ${provider} box from`, {
      code: 'post-processor',
    });
  }
  return disk;
}
