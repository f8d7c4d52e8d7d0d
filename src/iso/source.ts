// Classifies an ISO or SUMS location: an http(s) URL to download, or a local file (path or file:// URL).
import { resolve } from 'node:path';
import { KilnError } from '../core/errors.js';
import { fileUrlPath } from './checksum-spec.js';

export type Source = { type: 'http'; url: URL } | { type: 'file'; path: string };

/** `baseDir` anchors relative paths (the template's directory, as Packer uses its working directory). */
export function classifySource(location: string, baseDir: string): Source {
  if (/^https?:\/\//i.test(location)) {
    try {
      return { type: 'http', url: new URL(location) };
    } catch (cause) {
      throw new KilnError(`invalid URL "${location}"`, { code: 'bad-url', cause });
    }
  }
  if (/^file:\/\//i.test(location)) return { type: 'file', path: resolve(baseDir, fileUrlPath(location)) };
  // Two letters at least, so a Windows drive letter is not taken for a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(location)?.[1];
  if (scheme !== undefined) {
    throw new KilnError(`unsupported URL scheme "${scheme}" in "${location}"`, {
      code: 'bad-url',
      hint: 'Kiln downloads http:// and https:// URLs and reads local paths or file:// URLs',
    });
  }
  return { type: 'file', path: resolve(baseDir, location) };
}

/** The path go-getter compares SUMS entries against: the decoded URL path, or the absolute file path. */
export function sourcePath(source: Source): string {
  return source.type === 'http' ? decodeURIComponent(source.url.pathname) : source.path;
}

export function describeSource(source: Source): string {
  return source.type === 'http' ? source.url.href : source.path;
}
