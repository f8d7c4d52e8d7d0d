// `http_content`: URL path → body, served from memory, with Packer's "Did you mean" on a miss.
import type { ServerResponse } from 'node:http';
import { posix } from 'node:path';
import { KilnError } from '../core/errors.js';
import { closestMatch } from '../core/suggest.js';
import { contentTypeFor } from './content-type.js';
import { sendBody, sendError } from './responses.js';

export type ContentMap = Readonly<Record<string, string>>;

export function validateContentMap(content: ContentMap): ContentMap {
  const bad = Object.keys(content).filter((key) => !key.startsWith('/'));
  if (bad.length > 0) {
    throw new KilnError(`http_content keys must start with "/": ${bad.map((key) => `"${key}"`).join(', ')}`, {
      code: 'bad-http-content',
      hint: `write "/${bad[0]}" instead of "${bad[0]}"`,
    });
  }
  return content;
}

/** Looks the cleaned path up (like Packer's filepath.Clean); nothing here touches the file system. */
export function serveContent(
  res: ServerResponse,
  content: ContentMap,
  target: string,
  head: boolean,
): number {
  const path = cleanPath(target);
  if (path !== undefined && Object.hasOwn(content, path)) {
    return sendBody(res, 200, content[path]!, contentTypeFor(path), head);
  }
  const shown = path ?? target;
  const suggestion = path === undefined ? undefined : closestMatch(path, Object.keys(content));
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  return sendError(res, 404, `${shown} not found.${hint}`, head);
}

function cleanPath(target: string): string | undefined {
  try {
    return posix.normalize(decodeURIComponent(target.split(/[?#]/, 1)[0] ?? '/'));
  } catch {
    return undefined;
  }
}
