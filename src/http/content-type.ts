// Content-Type by file extension, for the files installers fetch (preseeds, kickstarts, scripts, images).
import { extname } from 'node:path';

const TEXT = 'text/plain; charset=utf-8';

const TYPES: Readonly<Record<string, string>> = {
  '.cfg': TEXT,
  '.ks': TEXT,
  '.txt': TEXT,
  '.sh': TEXT,
  '.conf': TEXT,
  '.seed': TEXT,
  '.preseed': TEXT,
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.pub': TEXT,
  '.iso': 'application/x-iso9660-image',
  '.gz': 'application/gzip',
  '.tgz': 'application/gzip',
  '.xz': 'application/x-xz',
  '.tar': 'application/x-tar',
  '.zip': 'application/zip',
};

/** Extension-less names (`user-data`, `meta-data`, `preseed`) are text in practice. */
export function contentTypeFor(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '') return TEXT;
  return TYPES[ext] ?? 'application/octet-stream';
}
