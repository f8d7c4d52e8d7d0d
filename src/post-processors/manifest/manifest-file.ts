// packer-manifest.json as Packer 1.6.6 reads and writes it: `builds[]` appended across runs, `last_run_uuid`,
// two-space JSON with Go's HTML escaping and no trailing newline, guarded by an exclusive `<output>.lock` file.
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { KilnError } from '../../core/errors.js';
import { writeThroughPartial } from '../../core/partial-file.js';
import { abortableSleep } from '../../core/wait.js';

export interface ManifestBuild {
  readonly name: string;
  readonly builder_type: string;
  /** Unix seconds; left out when 0 (strip_time), as Go's `omitempty` does. */
  readonly build_time?: number;
  /** `null` when the artifact has no files (Go's nil slice). */
  readonly files: readonly { readonly name: string; readonly size: number }[] | null;
  readonly artifact_id: string;
  readonly packer_run_uuid: string;
  readonly custom_data: Readonly<Record<string, string>> | null;
}

interface ManifestFile {
  builds: unknown[];
  last_run_uuid: string;
}

/** Appends one build under the lock; with `force`, a file last written by another run starts afresh. */
export async function appendToManifest(
  path: string,
  build: ManifestBuild,
  options: { runUuid: string; force: boolean; signal: AbortSignal },
): Promise<void> {
  const unlock = await lock(`${path}.lock`, options.signal);
  try {
    let manifest = await readManifest(path);
    if (options.force && manifest.last_run_uuid !== options.runUuid)
      manifest = { builds: [], last_run_uuid: '' };
    manifest.builds.push(build);
    manifest.last_run_uuid = options.runUuid;
    await writeThroughPartial(path, (partial) => writeFile(partial, goJson(manifest), { mode: 0o664 }));
  } finally {
    await unlock();
  }
}

async function readManifest(path: string): Promise<ManifestFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { builds: [], last_run_uuid: '' };
    throw error;
  }
  if (text.length === 0) return { builds: [], last_run_uuid: '' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KilnError(`Unable to parse content from ${path}: ${(error as Error).message}`, {
      code: 'post-processor',
      hint: 'fix or remove the manifest file',
    });
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<ManifestFile>;
  return {
    builds: Array.isArray(record.builds) ? record.builds : [],
    last_run_uuid: typeof record.last_run_uuid === 'string' ? record.last_run_uuid : '',
  };
}

/** Packer's three attempts, 0, 200 and 400 ms apart; Packer then writes anyway, Kiln stops and says why. */
async function lock(lockPath: string, signal: AbortSignal): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await abortableSleep(attempt * 200, signal);
    try {
      await (await open(lockPath, 'wx', 0o600)).close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new KilnError(`could not lock ${lockPath}: it already exists`, {
    code: 'post-processor',
    hint: 'another build is writing the manifest, or an interrupted one left the lock: remove it if no build is running',
  });
}

/** json.MarshalIndent(v, "", "  "): Go escapes <, >, & and U+2028/2029 in strings. */
export function goJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
