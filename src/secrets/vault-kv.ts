// `vault "path" "key"`: Packer 1.6.6's commontpl.Vault over Vault's HTTP API (api.Logical().Read), KV v1 and v2,
// with the same messages (vendored hashicorp/vault/api: response.go, logical.go).

import { decodeJson, type Env, goJsonType, httpGet, objectOf, requestUrl } from './secret-http.js';

interface Secret {
  readonly data: Record<string, unknown> | undefined;
  readonly warnings: readonly string[];
}

export async function readVault(path: string, key: string, env: Env): Promise<string> {
  const token = env.VAULT_TOKEN ?? '';
  if (token === '') throw new Error('Must set VAULT_TOKEN env var in order to use vault template function');
  const headers: Record<string, string> = { 'X-Vault-Token': token };
  if (env.VAULT_NAMESPACE) headers['X-Vault-Namespace'] = env.VAULT_NAMESPACE;
  let secret: Secret | undefined;
  try {
    secret = await logicalRead(
      requestUrl(env.VAULT_ADDR || 'https://127.0.0.1:8200', `/v1/${path}`),
      headers,
    );
  } catch (error) {
    throw new Error(`Error reading vault secret: ${(error as Error).message}`);
  }
  if (secret === undefined) throw new Error('Vault Secret does not exist at the given path');
  const data = secret.data ?? {};
  if (!Object.hasOwn(data, 'data')) {
    // Maybe a KV v1 store.
    if (Object.hasOwn(data, key)) return asString(data[key]);
    throw new Error(`Vault data was empty at the given path. Warnings: ${secret.warnings.join('; ')}`);
  }
  const v2 = objectOf(data.data);
  if (v2 === undefined)
    throw new Error(
      `interface conversion: interface {} is ${goJsonType(data.data)}, not map[string]interface {}`,
    );
  if (Object.hasOwn(v2, key)) return asString(v2[key]);
  throw new Error('Vault path does not contain the requested key');
}

/** Packer's `value.(string)`: anything else fails as Go's type assertion does. */
function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new Error(`interface conversion: interface {} is ${goJsonType(value)}, not string`);
}

/** Logical().Read: undefined for "no secret" (a 404 without data or warnings); throws the API's error text. */
async function logicalRead(url: string, headers: Record<string, string>): Promise<Secret | undefined> {
  const reply = await httpGet(url, headers);
  const decoded = decodeJson(reply.text);
  if (reply.status === 404) {
    if ('error' in decoded) {
      if (decoded.error === 'EOF') return undefined;
      throw new Error(responseError(url, reply.status, reply.text));
    }
    const secret = toSecret(decoded.value);
    const hasData = secret.data !== undefined && Object.keys(secret.data).length > 0;
    return secret.warnings.length > 0 || hasData ? secret : undefined;
  }
  if ((reply.status < 200 || reply.status >= 400) && reply.status !== 429)
    throw new Error(responseError(url, reply.status, reply.text));
  if ('error' in decoded) throw new Error(decoded.error);
  return toSecret(decoded.value);
}

function toSecret(value: unknown): Secret {
  const body = objectOf(value);
  const warnings = Array.isArray(body?.warnings) ? body.warnings.map(String) : [];
  return { data: objectOf(body?.data), warnings };
}

/** api.ResponseError.Error(). */
function responseError(url: string, status: number, text: string): string {
  const decoded = decodeJson(text);
  const head = `Error making API request.\n\nURL: GET ${url}\nCode: ${status}.`;
  if ('error' in decoded) return `${head} Raw Message:\n\n${text}`;
  const errors = objectOf(decoded.value)?.errors;
  const list = Array.isArray(errors) ? errors.map((e) => `* ${String(e)}`).join('') : '';
  return `${head} Errors:\n\n${list}`;
}
