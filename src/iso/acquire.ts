// Gets the ISO: tries each URL in order (the next one after a failure or stall), uses local files in place
// and puts http(s) downloads in the cache (cache-download.ts). The result path is what QEMU boots from.
import { CancelledError, errorMessage, isCancelled, KilnError } from '../core/errors.js';
import type { AcquiredIso, AcquireIsoOptions } from './acquire-options.js';
import { downloadIntoCache } from './cache-download.js';
import { phaseProgress } from './progress.js';
import { classifySource } from './source.js';
import { verifyLocalIso } from './verify-local.js';

export type { AcquiredIso, AcquireIsoOptions } from './acquire-options.js';

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
  return downloadIntoCache(url, source.url, options);
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
