// `vault` and `consul_key` in variable defaults: read over the stores' HTTP APIs before the variables render
// (Packer 1.6.6's template/interpolate funcs.go), so the template functions stay synchronous.

import { forEachPipeline } from '../gotemplate/ast.js';
import { secretKey } from '../gotemplate/functions/function-table.js';
import { parseGoTemplate } from '../gotemplate/parser.js';

/** Looked-up values by secretKey(); an Error is what the function call reports. */
export type SecretValues = ReadonlyMap<string, string | Error>;

type Lookup = { kind: 'vault'; path: string; key: string } | { kind: 'consul'; key: string };

const TIMEOUT_MS = 30_000;

/** Every `vault "path" "key"` and `consul_key "key"` call with literal arguments in these strings. */
export function findSecretLookups(texts: Iterable<string>): Lookup[] {
  const found: Lookup[] = [];
  for (const text of texts) {
    if (!/\b(?:vault|consul_key)\b/.test(text)) continue;
    let nodes: ReturnType<typeof parseGoTemplate>;
    try {
      nodes = parseGoTemplate(text);
    } catch {
      continue; // Reported when the variable renders.
    }
    forEachPipeline(nodes, (pipeline) => {
      for (const { operands } of pipeline.commands) {
        const [head, ...args] = operands;
        const strings = args.flatMap((a) => (a.kind === 'string' ? [a.value] : []));
        if (strings.length !== args.length || head?.kind !== 'identifier') continue;
        if (head.name === 'vault' && strings.length === 2)
          found.push({ kind: 'vault', path: strings[0] as string, key: strings[1] as string });
        if (head.name === 'consul_key' && strings.length === 1)
          found.push({ kind: 'consul', key: strings[0] as string });
      }
    });
  }
  return found;
}

export async function readSecrets(
  texts: Iterable<string>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Map<string, string | Error>> {
  const values = new Map<string, string | Error>();
  for (const lookup of findSecretLookups(texts)) {
    const id =
      lookup.kind === 'vault' ? secretKey('vault', lookup.path, lookup.key) : secretKey('consul', lookup.key);
    if (values.has(id)) continue;
    const value =
      lookup.kind === 'vault' ? readVault(lookup.path, lookup.key, env) : readConsul(lookup.key, env);
    values.set(id, await value.catch((error: Error) => error));
  }
  return values;
}

async function getJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** Vault's Logical().Read(path) (GET /v1/<path>), then KV v2's `data.data[key]` or KV v1's `data[key]`. */
async function readVault(
  path: string,
  key: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const token = env.VAULT_TOKEN ?? '';
  if (token === '') throw new Error('Must set VAULT_TOKEN env var in order to use vault template function');
  const address = (env.VAULT_ADDR || 'https://127.0.0.1:8200').replace(/\/+$/, '');
  const headers: Record<string, string> = { 'X-Vault-Token': token };
  if (env.VAULT_NAMESPACE) headers['X-Vault-Namespace'] = env.VAULT_NAMESPACE;
  let reply: { status: number; body: unknown };
  try {
    reply = await getJson(`${address}/v1/${path.replace(/^\/+/, '')}`, headers);
  } catch (error) {
    throw new Error(`Error reading vault secret: ${(error as Error).message} (VAULT_ADDR=${address})`);
  }
  const body = objectOf(reply.body);
  const data = objectOf(body?.data);
  if (reply.status === 404 && data === undefined)
    throw new Error('Vault Secret does not exist at the given path');
  if (reply.status < 200 || reply.status >= 300) {
    const errors = Array.isArray(body?.errors) ? body.errors.join('; ') : String(reply.body ?? '');
    throw new Error(`Error reading vault secret: Code: ${reply.status}. Errors: ${errors}`);
  }
  if (data === undefined) throw new Error('Vault Secret does not exist at the given path');
  const v2 = objectOf(data.data);
  if (v2 === undefined) {
    if (typeof data[key] === 'string') return data[key] as string;
    const warnings = Array.isArray(body?.warnings) ? body.warnings.join('; ') : '';
    throw new Error(`Vault data was empty at the given path. Warnings: ${warnings}`);
  }
  if (typeof v2[key] === 'string') return v2[key] as string;
  throw new Error('Vault path does not contain the requested key');
}

/** Consul's KV().Get(key) (GET /v1/kv/<key>): the first entry's base64 Value. */
async function readConsul(key: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  let address = env.CONSUL_HTTP_ADDR || '127.0.0.1:8500';
  if (!/^https?:\/\//.test(address)) {
    const ssl = ['1', 't', 'true', 'TRUE', 'True'].includes(env.CONSUL_HTTP_SSL ?? '');
    address = `${ssl ? 'https' : 'http'}://${address}`;
  }
  const headers: Record<string, string> = {};
  if (env.CONSUL_HTTP_TOKEN) headers['X-Consul-Token'] = env.CONSUL_HTTP_TOKEN;
  let reply: { status: number; body: unknown };
  try {
    reply = await getJson(`${address.replace(/\/+$/, '')}/v1/kv/${key.replace(/^\/+/, '')}`, headers);
  } catch (error) {
    throw new Error(`error reading consul key: ${(error as Error).message} (CONSUL_HTTP_ADDR=${address})`);
  }
  if (reply.status === 404) throw new Error(`key does not exist at the given path: ${key}`);
  if (reply.status < 200 || reply.status >= 300)
    throw new Error(
      `error reading consul key: Unexpected response code: ${reply.status} (${String(reply.body ?? '')})`,
    );
  const entry = Array.isArray(reply.body) ? objectOf(reply.body[0]) : undefined;
  if (entry === undefined) throw new Error(`key does not exist at the given path: ${key}`);
  const value = typeof entry.Value === 'string' ? Buffer.from(entry.Value, 'base64').toString('utf8') : '';
  if (value === '') throw new Error(`value is empty at path ${key}`);
  return value;
}
