// `consul_key "key"`: Packer 1.6.6's commontpl.Consul over Consul's HTTP API (api.KV().Get), with its messages.

import { decodeJson, type Env, httpGet, objectOf, requestUrl } from './secret-http.js';

export async function readConsul(key: string, env: Env): Promise<string> {
  let value: string | undefined;
  try {
    value = await kvGet(key, env);
  } catch (error) {
    throw new Error(`error reading consul key: ${(error as Error).message}`);
  }
  if (value === undefined) throw new Error(`key does not exist at the given path: ${key}`);
  if (value === '') throw new Error(`value is empty at path ${key}`);
  return value;
}

/** api.NewClient's address: `CONSUL_HTTP_ADDR` may carry a scheme; else `CONSUL_HTTP_SSL` picks https. */
function consulBase(env: Env): string {
  const address = env.CONSUL_HTTP_ADDR || '127.0.0.1:8500';
  const [scheme, rest] = address.split('://', 2);
  if (rest !== undefined) {
    if (scheme !== 'http' && scheme !== 'https') throw new Error(`Unknown protocol scheme: ${scheme}`);
    return `${scheme}://${rest}`;
  }
  const ssl = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(env.CONSUL_HTTP_SSL ?? '');
  return `${ssl ? 'https' : 'http'}://${address}`;
}

/** KV().Get: undefined when the key does not exist (404 or no entry), else the first entry's value. */
async function kvGet(key: string, env: Env): Promise<string | undefined> {
  const url = requestUrl(consulBase(env), `/v1/kv/${key.startsWith('/') ? key.slice(1) : key}`, false);
  const headers: Record<string, string> = {};
  if (env.CONSUL_HTTP_TOKEN) headers['X-Consul-Token'] = env.CONSUL_HTTP_TOKEN;
  const reply = await httpGet(url, headers);
  if (reply.status === 404) return undefined;
  if (reply.status !== 200) throw new Error(`Unexpected response code: ${reply.status}`);
  const decoded = decodeJson(reply.text);
  if ('error' in decoded) throw new Error(decoded.error);
  const entry = Array.isArray(decoded.value) ? objectOf(decoded.value[0]) : undefined;
  if (entry === undefined) return undefined;
  return typeof entry.Value === 'string' ? Buffer.from(entry.Value, 'base64').toString('utf8') : '';
}
