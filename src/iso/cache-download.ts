// An http(s) ISO into the cache, once however many Kiln runs want it: a verified entry is used as is;
// otherwise the entry's lock is taken (others wait, then use what the holder verified) and the download
// runs, resuming a `.part` a killed or failed run left.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatDuration } from '../core/format.js';
import type { AcquiredIso, AcquireIsoOptions } from './acquire-options.js';
import { cacheTargetPath } from './cache.js';
import { acquireCacheLock } from './cache-lock.js';
import { type Checksum, formatChecksum, type ResolvedChecksum } from './checksum-spec.js';
import { downloadToFile } from './download.js';
import { adoptLegacyParts } from './partial-download.js';
import { phaseProgress } from './progress.js';
import { DEFAULT_STALL_TIMEOUT_MS, STALL_TIMEOUT_ENV } from './stall-watchdog.js';
import { checkCachedIso } from './verify-local.js';

export async function downloadIntoCache(
  url: string,
  source: URL,
  options: AcquireIsoOptions,
): Promise<AcquiredIso> {
  const { checksum, signal, ui } = options;
  const target = cacheTargetPath({ ...options, checksum, url });
  await mkdir(dirname(target), { recursive: true });
  if (checksum !== 'none' && (await isCached(target, checksum, options))) {
    return { path: target, cached: true, downloaded: false };
  }
  const waitStarted = Date.now();
  const lock = await acquireCacheLock(`${resolve(target)}.lock`, {
    signal,
    onWait: (holder, ms) =>
      ui?.message(
        ms === 0
          ? `waiting for another kiln (${holder}) downloading into ${target}`
          : `still waiting for another kiln (${holder}): ${formatDuration(ms)}`,
      ),
  });
  try {
    if (lock.waited) {
      ui?.message(`waited ${formatDuration(Date.now() - waitStarted)} for another kiln`);
      if (await isCachedAfterWait(target, checksum, waitStarted, options)) {
        return { path: target, cached: true, downloaded: false };
      }
    }
    for (const note of await adoptLegacyParts(target)) ui?.message(note);
    return await download(url, source, target, options);
  } finally {
    await lock.release();
  }
}

async function isCached(target: string, checksum: Checksum, options: AcquireIsoOptions): Promise<boolean> {
  const { ui } = options;
  const checking = phaseProgress(`verifying cached ${target}`, ui, options.progress);
  const state = await checkCachedIso(target, checksum, options.signal, checking.report);
  checking.finish();
  if (state === 'hit') ui?.message(`using cached ISO ${target}`);
  if (state === 'mismatch')
    ui?.message(`cached ${target} does not match ${formatChecksum(checksum)}; downloading again`);
  return state === 'hit';
}

/** Another run held the lock: it may have just put the file in place (with no checksum: written since). */
async function isCachedAfterWait(
  target: string,
  checksum: ResolvedChecksum,
  since: number,
  options: AcquireIsoOptions,
): Promise<boolean> {
  const info = await stat(target).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (checksum !== 'none') return isCached(target, checksum, options);
  if (info.mtimeMs < since) return false;
  options.ui?.message(`using ${target}, downloaded by the other kiln`);
  return true;
}

async function download(
  url: string,
  source: URL,
  target: string,
  options: AcquireIsoOptions,
): Promise<AcquiredIso> {
  const { checksum, ui } = options;
  const label = `downloading ${url}`;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const downloading = phaseProgress(label, ui, options.progress);
  const result = await downloadToFile(source, target, checksum, {
    signal: options.signal,
    stallTimeoutMs,
    progress: downloading.report,
    onQuiet: (ms) =>
      ui?.message(
        `${label}: stalled, no data for ${formatDuration(ms)} (gives up after ${formatDuration(stallTimeoutMs)}, ${STALL_TIMEOUT_ENV})`,
      ),
    note: (text) => ui?.message(text),
  });
  downloading.finish();
  const pin = checksum === 'none' ? ` (sha256:${result.digest}; set iso_checksum to verify next time)` : '';
  ui?.message(`${url} => ${target}${pin}`);
  return { path: target, cached: false, downloaded: true };
}
