// iso_skip_cache (Packer's stepSetISO): QEMU reads the ISO over HTTP itself, so the first URL whose server
// answers HEAD with 2xx and `Accept-Ranges: bytes` is used as is; nothing is downloaded or verified.
import { KilnError } from '../core/errors.js';
import { describeFetchError } from './resolve-checksum.js';
import { watchedFetch } from './watched-fetch.js';

export async function findByteServingUrl(
  urls: readonly string[],
  signal: AbortSignal,
  stallTimeoutMs?: number,
): Promise<string> {
  const seen: string[] = [];
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url)) {
      seen.push(`${url}: not an http(s) URL`);
      continue;
    }
    try {
      const init = { method: 'HEAD', headers: { 'User-Agent': 'Kiln' } };
      const watch = { signal, stallTimeoutMs, what: `HEAD ${url}` };
      const response = await watchedFetch(url, init, watch, async (r) => r);
      if (!response.ok) seen.push(`${url}: HTTP ${response.status}`);
      else if (response.headers.get('accept-ranges') !== 'bytes')
        seen.push(`${url}: no 'Accept-Ranges: bytes'`);
      else return url;
    } catch (error) {
      signal.throwIfAborted();
      seen.push(`${url}: ${error instanceof KilnError ? error.message : describeFetchError(error)}`);
    }
  }
  throw new KilnError(
    `No byte serving support. The HTTP server must support Accept-Ranges=bytes (iso_skip_cache)\n  ${seen.join('\n  ')}`,
    {
      code: 'iso-skip-cache',
      hint: 'iso_skip_cache needs an http(s) URL whose server supports range requests; remove iso_skip_cache to download the ISO instead',
    },
  );
}
