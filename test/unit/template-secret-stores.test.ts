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

function reply(req: IncomingMessage): [number, unknown] {
  const url = req.url ?? '';
  if (url.startsWith('/v1/kv/')) {
    if (url === '/v1/kv/app/db' && req.headers['x-consul-token'] === 'ctok')
      return [200, [{ Key: 'app/db', Value: Buffer.from('consul-value').toString('base64') }]];
    if (url === '/v1/kv/app/empty') return [200, [{ Key: 'app/empty', Value: null }]];
    return [404, undefined];
  }
  if (req.headers['x-vault-token'] !== 'vtok') return [403, { errors: ['permission denied'] }];
  if (url === '/v1/secret/data/app') return [200, { data: { data: { password: 'v2-value' }, metadata: {} } }];
  if (url === '/v1/kv1/app') return [200, { data: { password: 'v1-value' }, warnings: null }];
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
    res.end(body === undefined ? '' : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
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

  it.each([
    [{ a: '{{ vault `secret/data/app` `nope` }}' }, {}, 'Vault path does not contain the requested key'],
    [{ a: '{{ vault `secret/data/none` `k` }}' }, {}, 'Vault Secret does not exist at the given path'],
    [
      { a: '{{ vault `secret/data/app` `password` }}' },
      { VAULT_TOKEN: 'bad' },
      'Code: 403. Errors: permission denied',
    ],
    [{ a: '{{ vault `secret/data/app` `password` }}' }, { VAULT_TOKEN: '' }, 'Must set VAULT_TOKEN env var'],
    [{ a: '{{ consul_key `app/none` }}' }, {}, 'key does not exist at the given path: app/none'],
    [{ a: '{{ consul_key `app/empty` }}' }, {}, 'value is empty at path app/empty'],
    [{ a: '{{ aws_secretsmanager `x` `y` }}' }, {}, 'aws_secretsmanager is not supported by Kiln'],
  ])('%j fails: %s', async (variables, extra, message) => {
    const error = await templateFailure(load(variables, extra));
    expect(error.message).toContain(message);
  });

  it('is refused outside variable defaults, as in Packer', async () => {
    const file = tmp.write('t.json', { builders: [{ ...QEMU, vm_name: '{{ consul_key `app/db` }}' }] });
    const error = await templateFailure(async () =>
      resolveBuilds(await loadTemplate(file, { cwd: tmp.dir(), env: env() })),
    );
    expect(error.message).toContain('consul_key is only allowed in the default values of "variables"');
  });
});
