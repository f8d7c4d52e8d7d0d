// vault() and consul_key() in HCL2, read from a local server speaking Vault's and Consul's HTTP APIs before the
// configuration is evaluated (HCL functions are synchronous).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlain } from '../../src/hcl/eval/index.js';
import { packerFunctions } from '../../src/hcl/functions/index.js';
import { useHcl2Dir } from './hcl2-fixture.js';

const { load, fail } = useHcl2Dir();
const seen: string[] = [];
let server: Server;
let address: string;

function reply(req: IncomingMessage): [number, unknown] {
  const url = req.url ?? '';
  if (url.startsWith('/v1/kv/')) {
    if (url === '/v1/kv/app/db')
      return [200, [{ Key: 'app/db', Value: Buffer.from('consul-value').toString('base64') }]];
    return [404, undefined];
  }
  if (req.headers['x-vault-token'] !== 'vtok') return [403, { errors: ['permission denied'] }];
  if (url === '/v1/secret/data/app') return [200, { data: { data: { password: 'v2-value' }, metadata: {} } }];
  if (url === '/v1/kv1/app') return [200, { data: { password: 'v1-value' } }];
  return [404, { errors: [] }];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
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

const options = (env: Record<string, string> = {}) => ({
  env: { VAULT_ADDR: `http://${address}`, VAULT_TOKEN: 'vtok', CONSUL_HTTP_ADDR: address, ...env },
  functions: (secrets: ReadonlyMap<string, string | Error>) => packerFunctions({ baseDir: '.', secrets }),
});

describe('vault and consul_key in HCL2', () => {
  it('read KV v2, KV v1 and Consul values into locals, each lookup once', async () => {
    seen.length = 0;
    const config = await load(
      {
        'a.pkr.hcl': [
          'locals {\n  pw = vault("secret/data/app", "password")\n}',
          'locals {\n  v1 = vault("kv1/app", "password")\n  db = upper(consul_key("app/db"))\n  again = vault("secret/data/app", "password")\n}',
        ].join('\n'),
      },
      options(),
    );
    expect(Object.fromEntries([...config.locals].map(([k, l]) => [k, toPlain(l.value)]))).toEqual({
      pw: 'v2-value',
      v1: 'v1-value',
      db: 'CONSUL-VALUE',
      again: 'v2-value',
    });
    expect(seen.sort()).toEqual(['/v1/kv/app/db', '/v1/kv1/app', '/v1/secret/data/app']);
  });

  it('is not callable from a variable default, where Packer offers env() alone', async () => {
    const files = { 'a.pkr.hcl': 'variable "pw" {\n  default = vault("secret/data/app", "password")\n}\n' };
    expect(await fail(files, options())).toContain('There is no function named "vault"');
  });

  it('env() reads the environment in a variable default ("" when unset), and nowhere else', async () => {
    const config = await load(
      {
        'a.pkr.hcl':
          'variable "r" {\n  default = env("KILN_T_REGION")\n}\nvariable "u" {\n  default = env("KILN_T_UNSET")\n}\n',
      },
      options({ KILN_T_REGION: 'eu-1' }),
    );
    expect(toPlain(config.variables.get('r')?.values[0]?.value ?? { type: 'null' })).toBe('eu-1');
    expect(toPlain(config.variables.get('u')?.values[0]?.value ?? { type: 'null' })).toBe('');
    const files = { 'a.pkr.hcl': 'locals {\n  r = env("KILN_T_REGION")\n}\n' };
    expect(await fail(files, options())).toContain('There is no function named "env"');
  });

  it('reports the store’s error at the call, in Packer’s words', async () => {
    const files = { 'a.pkr.hcl': 'locals {\n  x = vault("secret/data/app", "nokey")\n}\n' };
    expect(await fail(files, options())).toContain(
      'Call to function "vault" failed: Vault path does not contain the requested key.',
    );
    expect(await fail(files, options({ VAULT_TOKEN: '' }))).toContain(
      'Must set VAULT_TOKEN env var in order to use vault template function',
    );
    expect(await fail({ 'a.pkr.hcl': 'locals {\n  x = consul_key("app/none")\n}\n' }, options())).toContain(
      'key does not exist at the given path: app/none',
    );
  });

  it('needs literal arguments, and refuses AWS Secrets Manager by name', async () => {
    expect(
      await fail(
        { 'a.pkr.hcl': 'locals {\n  p = "secret/data/app"\n  x = vault(local.p, "password")\n}\n' },
        options(),
      ),
    ).toContain('vault needs literal string arguments in Kiln');
    expect(
      await fail({ 'a.pkr.hcl': 'locals {\n  x = aws_secretsmanager("name", null)\n}\n' }, options()),
    ).toContain('Call to function "aws_secretsmanager" failed: aws_secretsmanager is not supported by Kiln');
  });
});
