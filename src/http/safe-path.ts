// Maps a raw request target to a file under the served root, refusing anything that could escape it.
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export type PathResolution =
  | { kind: 'file'; filePath: string; urlPath: string; size: number }
  | { kind: 'bad-request' | 'forbidden' | 'not-found'; reason: string };

/**
 * Splits the raw (undecoded) target into segments and decodes each one, so `%2e%2e` and `%2f` are judged
 * after decoding; `..`, backslashes, NUL and encoded slashes are refused outright rather than normalised.
 * Symlinks are followed, but the real path must stay inside `root` (itself a real path).
 */
export async function resolveRequestPath(root: string, rawTarget: string): Promise<PathResolution> {
  const segments = decodeSegments(rawTarget);
  if (typeof segments === 'string')
    return segments.startsWith('bad') ? badRequest(segments) : forbidden(segments);
  const urlPath = `/${segments.join('/')}`;
  let real: string;
  try {
    real = await realpath(join(root, ...segments));
  } catch {
    return { kind: 'not-found', reason: `${urlPath} does not exist` };
  }
  if (real !== root && !real.startsWith(root + sep))
    return forbidden(`${urlPath} resolves outside the served directory`);
  const info = await stat(real);
  // Directory listings are deliberately not served (Packer's FileServer lists them): 404 instead.
  if (!info.isFile()) return { kind: 'not-found', reason: `${urlPath} is not a file` };
  return { kind: 'file', filePath: real, urlPath, size: info.size };
}

/** Decoded, non-empty, non-`.` segments; or a string saying why the target is refused. */
export function decodeSegments(rawTarget: string): string[] | string {
  if (!rawTarget.startsWith('/')) return `bad request target "${rawTarget}"`;
  const pathPart = rawTarget.split(/[?#]/, 1)[0] ?? '';
  if (pathPart.includes('\\')) return `backslash in "${rawTarget}"`;
  const segments: string[] = [];
  for (const raw of pathPart.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return `bad percent-encoding in "${rawTarget}"`;
    }
    if (segment === '..') return `".." in "${rawTarget}"`;
    if (/[\\/\0]/.test(segment)) return `encoded "/", "\\" or NUL in "${rawTarget}"`;
    if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments;
}

function badRequest(reason: string): PathResolution {
  return { kind: 'bad-request', reason };
}

function forbidden(reason: string): PathResolution {
  return { kind: 'forbidden', reason };
}
