// `vault` (KV v1 and v2) and `consul_key` in variable defaults, read from a local server speaking their HTTP APIs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
const seen: { url: string; vault?: string; consul?: string }[] = [];
let server: Server;
let address: string;
/** A loopback port nothing listens on (one a server just gave back), for a refused connection. */
let closedPort: number;

function reply(req: IncomingMessage): [number, unknown] {
  const url = req.url ?? '';
  if (url.startsWith('/v1/kv/')) {
    if (req.headers['x-consul-token'] !== 'ctok') return [403, 'ACL not found'];
    if (url === '/v1/kv/app/db')
      return [200, [{ Key: 'app/db', Value: Buffer.from('consul-value').toString('base64') }]];
    if (url === '/v1/kv/app/empty') return [200, [{ Key: 'app/empty', Value: null }]];
    return [404, undefined];
  }
  if (req.headers['x-vault-token'] !== 'vtok') return [403, { errors: ['permission denied'] }];
  if (url === '/v1/secret/data/app') return [200, { data: { data: { password: 'v2-value' }, metadata: {} } }];
  if (url === '/v1/kv1/app') return [200, { data: { password: 'v1-value', port: 5432 }, warnings: null }];
  if (url === '/v1/secret/data/num') return [200, { data: { data: { n: 5 } } }];
  if (url === '/v1/warned/app') return [404, { data: null, warnings: ['no handler for route'] }];
  if (url === '/v1/broken') return [500, { errors: ['boom', 'bang'] }];
  if (url === '/v1/raw') return [502, 'upstream gone'];
  return [404, { errors: [] }];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      vault: String(req.headers['x-vault-token'] ?? ''),
      consul: String(req.headers['x-consul-token'] ?? ''),
    });
    const [status, body] = reply(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const env = () => ({
  VAULT_ADDR: `http://${address}`,
  VAULT_TOKEN: 'vtok',
  CONSUL_HTTP_ADDR: address,
  CONSUL_HTTP_TOKEN: 'ctok',
});

async function load(variables: Record<string, string>, extra: Record<string, string> = {}) {
  const file = tmp.write('t.json', { variables, builders: [QEMU] });
  return loadTemplate(file, { cwd: tmp.dir(), env: { ...env(), ...extra } });
}

describe('vault and consul_key in variable defaults', () => {
  it('read KV v2, KV v1 and a Consul key, with the tokens from the environment', async () => {
    const template = await load({
      v2: '{{ vault `secret/data/app` `password` }}',
      v1: '{{ vault "kv1/app" "password" }}',
      c: 'x-{{ consul_key `app/db` }}',
    });
    expect(template.variables.get('v2')).toBe('v2-value');
    expect(template.variables.get('v1')).toBe('v1-value');
    expect(template.variables.get('c')).toBe('x-consul-value');
    expect(seen).toContainEqual({ url: '/v1/secret/data/app', vault: 'vtok', consul: '' });
    expect(seen).toContainEqual({ url: '/v1/kv/app/db', vault: '', consul: 'ctok' });
  });

  it("cleans the path as Vault's client does (path.Join) and escapes it as Go's net/url", async () => {
    const template = await load({ a: '{{ vault `/secret//data/app/` `password` }}' });
    expect(template.variables.get('a')).toBe('v2-value');
    await templateFailure(load({ a: '{{ consul_key `/app/a b?` }}' }));
    expect(seen.map((s) => s.url)).toContain('/v1/kv/app/a%20b%3F');
  });

  it.each([
    [{ a: '{{ vault `secret/data/app` `nope` }}' }, {}, 'Vault path does not contain the requested key'],
    [{ a: '{{ vault `kv1/app` `nope` }}' }, {}, 'Vault data was empty at the given path. Warnings:  in {{'],
    [
      { a: '{{ vault `warned/app` `k` }}' },
      {},
      'Vault data was empty at the given path. Warnings: no handler for route',
    ],
    [
      { a: '{{ vault `secret/data/num` `n` }}' },
      {},
      'interface conversion: interface {} is json.Number, not string',
    ],
    [
      { a: '{{ vault `kv1/app` `port` }}' },
      {},
      'interface conversion: interface {} is json.Number, not string',
    ],
    [
      { a: '{{ vault `broken` `k` }}' },
      {},
      'Error reading vault secret: Error making API request.\n\nURL: GET http://127.0.0.1:PORT/v1/broken\nCode: 500. Errors:\n\n* boom* bang',
    ],
    [{ a: '{{ vault `raw` `k` }}' }, {}, 'Code: 502. Raw Message:\n\nupstream gone'],
    [
      { a: '{{ vault `secret/data/app` `password` }}' },
      { VAULT_ADDR: 'http://127.0.0.1:CLOSED' },
      'Error reading vault secret: Get "http://127.0.0.1:CLOSED/v1/secret/data/app": dial tcp 127.0.0.1:CLOSED: connect: connection refused',
    ],
    [
      { a: '{{ consul_key `app/db` }}' },
      { CONSUL_HTTP_TOKEN: 'bad' },
      'error reading consul key: Unexpected response code: 403 in',
    ],
    [
      { a: '{{ consul_key `app/db` }}' },
      { CONSUL_HTTP_ADDR: 'ftp://127.0.0.1:1' },
      'error reading consul key: Unknown protocol scheme: ftp',
    ],
    [{ a: '{{ vault `secret/data/none` `k` }}' }, {}, 'Vault Secret does not exist at the given path'],
    [
      { a: '{{ vault `secret/data/app` `password` }}' },
      { VAULT_TOKEN: 'bad' },
      'Code: 403. Errors:\n\n* permission denied',
    ],
    [{ a: '{{ vault `secret/data/app` `password` }}' }, { VAULT_TOKEN: '' }, 'Must set VAULT_TOKEN env var'],
    [{ a: '{{ consul_key `app/none` }}' }, {}, 'key does not exist at the given path: app/none'],
    [{ a: '{{ consul_key `app/empty` }}' }, {}, 'value is empty at path app/empty'],
    [{ a: '{{ aws_secretsmanager `x` `y` }}' }, {}, 'aws_secretsmanager is not supported by Kiln'],
  ])('%j fails: %s', async (variables, extra, message) => {
    const ports = (text: string) =>
      text.replace('PORT', address.split(':')[1] as string).replaceAll('CLOSED', String(closedPort));
    const env = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, ports(v)]));
    const error = await templateFailure(load(variables, env));
    expect(error.message).toContain(ports(message));
  });

  it('is refused outside variable defaults, as in Packer', async () => {
    const file = tmp.write('t.json', { builders: [{ ...QEMU, vm_name: '{{ consul_key `app/db` }}' }] });
    const error = await templateFailure(async () =>
      resolveBuilds(await loadTemplate(file, { cwd: tmp.dir(), env: env() })),
    );
    expect(error.message).toContain('consul_key is only allowed in the default values of "variables"');
  });
});
