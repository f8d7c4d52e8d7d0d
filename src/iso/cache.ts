// Where ISOs are cached and under which name (Packer's scheme: sha1 of the checksum string, or of the URL).
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { formatChecksum, type ResolvedChecksum } from './checksum-spec.js';

/**
 * `KILN_CACHE_DIR` wins (as `PACKER_CACHE_DIR` does), then `$XDG_CACHE_HOME/kiln`, then `~/.cache/kiln`.
 * Relative values are taken from `cwd`.
 */
export function resolveCacheDir(
  env: NodeJS.ProcessEnv,
  home: string = homedir(),
  cwd: string = process.cwd(),
): string {
  const explicit = env.KILN_CACHE_DIR?.trim();
  if (explicit) return resolve(cwd, explicit);
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg) return resolve(cwd, xdg, 'kiln');
  return join(home, '.cache', 'kiln');
}

export interface CacheTargetOptions {
  checksum: ResolvedChecksum;
  /** The URL being downloaded: names the file when there is no checksum. */
  url: string;
  cacheDir: string;
  /** `iso_target_path`: a file path, or (without an extension) a directory for the hashed name. */
  targetPath?: string | undefined;
  /** `iso_target_extension`, default `iso`. */
  targetExtension?: string | undefined;
}

/** The hashed file name Packer uses: `sha1(checksum or url).ext`. */
export function cacheFileName(checksum: ResolvedChecksum, url: string, extension = 'iso'): string {
  const key = checksum === 'none' ? url : formatChecksum(checksum);
  const ext = extension.toLowerCase();
  return `${createHash('sha1').update(key).digest('hex')}${ext ? `.${ext}` : ''}`;
}

export function cacheTargetPath(options: CacheTargetOptions): string {
  const name = cacheFileName(options.checksum, options.url, options.targetExtension ?? 'iso');
  const target = options.targetPath;
  if (target === undefined || target === '') return join(options.cacheDir, name);
  return extname(target) === '' ? join(target, name) : target;
}
