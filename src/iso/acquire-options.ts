// What acquireIso takes and gives back; shared by the URL loop and the cache download.
import type { Ui } from '../core/ui.js';
import type { ResolvedChecksum } from './checksum-spec.js';
import type { ProgressCallback } from './digest.js';

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
  /** A download that receives nothing for this long fails and the next URL is tried (`stallTimeoutFromEnv`). */
  stallTimeoutMs?: number;
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
