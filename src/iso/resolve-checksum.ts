// Turns an iso_checksum spec into a digest, fetching or reading the SUMS file for `file:` specs.
import { readFile } from 'node:fs/promises';
import { CancelledError, errorMessage, KilnError } from '../core/errors.js';
import { checksumFileNames, findChecksumInText } from './checksum-file.js';
import { type ChecksumSpec, parseChecksumSpec, type ResolvedChecksum } from './checksum-spec.js';
import { classifySource, describeSource, type Source, sourcePath } from './source.js';
import { readText, watchedFetch } from './watched-fetch.js';

export interface ResolveChecksumOptions {
  /** The (first) ISO URL or path: its name is what the SUMS file is searched for. */
  isoUrl: string;
  /** Anchors relative ISO and SUMS paths: the template's directory. */
  baseDir: string;
  signal: AbortSignal;
  /** KILN_DOWNLOAD_STALL_TIMEOUT for a remote SUMS file. */
  stallTimeoutMs?: number;
}

export async function resolveChecksum(
  spec: string | ChecksumSpec,
  options: ResolveChecksumOptions,
): Promise<ResolvedChecksum> {
  const parsed = typeof spec === 'string' ? parseChecksumSpec(spec) : spec;
  if (parsed.kind === 'none') return 'none';
  if (parsed.kind === 'hash') return { algorithm: parsed.algorithm, hex: parsed.hex };
  const location = parsed.source.type === 'url' ? parsed.source.url : parsed.source.path;
  const sums = classifySource(location, options.baseDir);
  const iso = classifySource(options.isoUrl, options.baseDir);
  const text = await readChecksumFile(sums, options.signal, options.stallTimeoutMs);
  const found = findChecksumInText(text, checksumFileNames(sourcePath(iso), sourcePath(sums)));
  if (found) return found;
  const isoName = sourcePath(iso).split('/').pop() ?? options.isoUrl;
  throw new KilnError(`no checksum found for ${isoName} in ${describeSource(sums)}`, {
    code: 'checksum-not-found',
    hint: 'check that iso_url names a file listed in that checksum file (lines "<hex>  <name>" or "SHA256 (<name>) = <hex>")',
  });
}

export async function readChecksumFile(
  source: Source,
  signal: AbortSignal,
  stallTimeoutMs?: number,
): Promise<string> {
  const where = describeSource(source);
  try {
    if (source.type === 'file') return await readFile(source.path, { encoding: 'utf8', signal });
    const what = `checksum file ${where}`;
    return await watchedFetch(source.url, {}, { signal, stallTimeoutMs, what }, (response, touch) => {
      if (!response.ok) {
        throw new KilnError(`could not get ${what}: HTTP ${response.status} ${response.statusText}`, {
          code: 'checksum-file',
        });
      }
      return readText(response, touch);
    });
  } catch (error) {
    if (signal.aborted) throw new CancelledError();
    if (error instanceof KilnError) throw error;
    throw new KilnError(`could not get checksum file ${where}: ${describeFetchError(error)}`, {
      code: 'checksum-file',
      cause: error,
    });
  }
}

/** undici hides the useful part ("connect ECONNREFUSED 127.0.0.1:1") in `cause`. */
export function describeFetchError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined ? errorMessage(error) : `${errorMessage(error)} (${errorMessage(cause)})`;
}
