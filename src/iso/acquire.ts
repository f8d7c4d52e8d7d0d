// Gets the ISO: tries each URL in order, reuses a verified cache entry, downloads http(s), uses local files
// in place. The result path is what QEMU boots from.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CancelledError, errorMessage, isCancelled, KilnError } from '../core/errors.js';
import type { Ui } from '../core/ui.js';
import { cacheTargetPath } from './cache.js';
import { formatChecksum, type ResolvedChecksum } from './checksum-spec.js';
import type { ProgressCallback } from './digest.js';
import { downloadToFile } from './download.js';
import { phaseProgress } from './progress.js';
import { classifySource } from './source.js';
import { removeStaleParts } from './stale-parts.js';
import { checkCachedIso, verifyLocalIso } from './verify-local.js';

export interface AcquireIsoOptions {
  /** `iso_url` / `iso_urls`, tried in order; the first that yields a verified file wins. */
  urls: readonly string[];
  checksum: ResolvedChecksum;
  /** Usually `resolveCacheDir(process.env)`. */
  cacheDir: string;
  /** `iso_target_path`: a file, or (without extension) a directory for the hashed name. */
  targetPath?: string;
  /** `iso_target_extension`, default `iso`. */
  targetExtension?: string;
  /** Anchors relative local paths; default the working directory. */
  baseDir?: string;
  signal: AbortSignal;
  /** Bytes done / total (Content-Length, or file size while verifying). */
  progress?: ProgressCallback;
  ui?: Ui;
}

export interface AcquiredIso {
  path: string;
  /** An earlier download was reused. */
  cached: boolean;
  /** Bytes came over the network in this call. */
  downloaded: boolean;
}

export async function acquireIso(options: AcquireIsoOptions): Promise<AcquiredIso> {
  if (options.urls.length === 0) {
    throw new KilnError('no ISO location given', { code: 'bad-iso-url', hint: 'set iso_url or iso_urls' });
  }
  const failures: { url: string; error: unknown }[] = [];
  for (const url of options.urls) {
    if (options.signal.aborted) throw new CancelledError();
    options.ui?.say(`Trying ${url}`);
    try {
      return await acquireOne(url, options);
    } catch (error) {
      if (options.signal.aborted || isCancelled(error)) throw error;
      options.ui?.message(`${url}: ${errorMessage(error)}`);
      failures.push({ url, error });
    }
  }
  throw combineFailures(failures);
}

async function acquireOne(url: string, options: AcquireIsoOptions): Promise<AcquiredIso> {
  const { checksum, signal, ui } = options;
  const source = classifySource(url, options.baseDir ?? process.cwd());
  if (source.type === 'file') {
    const verifying = phaseProgress(`verifying ${source.path}`, ui, options.progress);
    await verifyLocalIso(source.path, checksum, signal, verifying.report);
    verifying.finish();
    ui?.message(`using local ISO ${source.path} in place`);
    return { path: source.path, cached: false, downloaded: false };
  }
  const target = cacheTargetPath({ ...options, checksum, url });
  await mkdir(dirname(target), { recursive: true });
  if (checksum !== 'none') {
    const checking = phaseProgress(`verifying cached ${target}`, ui, options.progress);
    const state = await checkCachedIso(target, checksum, signal, checking.report);
    checking.finish();
    if (state === 'hit') {
      ui?.message(`using cached ISO ${target}`);
      return { path: target, cached: true, downloaded: false };
    }
    if (state === 'mismatch')
      ui?.message(`cached ${target} does not match ${formatChecksum(checksum)}; downloading again`);
  }
  for (const stale of await removeStaleParts(target)) ui?.message(`removed stale partial download ${stale}`);
  const downloading = phaseProgress(`downloading ${url}`, ui, options.progress);
  const result = await downloadToFile(source.url, target, checksum, signal, downloading.report);
  downloading.finish();
  const pin = checksum === 'none' ? ` (sha256:${result.digest}; set iso_checksum to verify next time)` : '';
  ui?.message(`${url} => ${target}${pin}`);
  return { path: target, cached: false, downloaded: true };
}

/** One URL: its own error, code intact. Several: one error naming every URL and why it failed. */
function combineFailures(failures: readonly { url: string; error: unknown }[]): unknown {
  if (failures.length === 1) return failures[0]!.error;
  const lines = failures.map(({ url, error }) => `  * ${url}: ${errorMessage(error)}`);
  return new KilnError(`could not get the ISO from any of ${failures.length} URLs:\n${lines.join('\n')}`, {
    code: 'iso-unavailable',
    cause: new AggregateError(failures.map((f) => f.error)),
  });
}
