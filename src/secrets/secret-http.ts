// The one HTTP GET the secret stores make, with Go's URL escaping and Go's wording for a failed request, so
// `vault`/`consul_key` errors read as Packer 1.6.6's (Go net/http clients) do.

import { get as httpGetPlain } from 'node:http';
import { get as httpsGet } from 'node:https';
import { posix } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface HttpReply {
  readonly status: number;
  readonly text: string;
}

const TIMEOUT_MS = 30_000;

/** url.URL{Path: p}.EscapedPath(): everything but unreserved characters and `$&+,/:;=@` is %-escaped. */
export function goEscapedPath(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The URL of a request path on `base` (scheme://host[/prefix]). Vault's client joins them with Go's path.Join
 * (cleaned, no trailing /); Consul's takes the path as given (`clean` false).
 */
export function requestUrl(base: string, requestPath: string, clean = true): string {
  const url = new URL(base);
  let path = requestPath;
  if (clean) {
    const joined = posix.join('/', url.pathname, requestPath);
    path = joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
  }
  return `${url.protocol}//${url.host}${goEscapedPath(path)}`;
}

/**
 * GET over node:http(s) (fetch refuses ports on its "bad ports" list, Go's client does not). A failure to connect
 * is worded as Go's client words it: `Get "<url>": dial tcp <host>: connect: connection refused`.
 */
export function httpGet(url: string, headers: Record<string, string>): Promise<HttpReply> {
  const get = url.startsWith('https:') ? httpsGet : httpGetPlain;
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => reject(goRequestError(url, error)));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.on('timeout', () => request.destroy(new Error('Client.Timeout exceeded while awaiting headers')));
    request.on('error', (error) => reject(goRequestError(url, error)));
  });
}

function goRequestError(url: string, error: Error & { code?: string }): Error {
  const host = new URL(url).host;
  const reasons: Record<string, string> = {
    ECONNREFUSED: `dial tcp ${host}: connect: connection refused`,
    ENOTFOUND: `dial tcp: lookup ${new URL(url).hostname}: no such host`,
    ECONNRESET: 'connection reset by peer',
  };
  return new Error(`Get "${url}": ${reasons[error.code ?? ''] ?? error.message}`);
}

/** JSON as Go's decoder gives it to Packer, or the decoder's complaint ("EOF" for an empty body). */
export function decodeJson(text: string): { value: unknown } | { error: string } {
  if (text.trim() === '') return { error: 'EOF' };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The Go type a JSON value decodes to (UseNumber), as a failed `.(string)` conversion names it. */
export function goJsonType(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'number') return 'json.Number';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
}

export const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
