// The HTTP server never serves outside its root: raw, un-normalised request targets sent over plain sockets
// (fetch would normalise them away), plus symlinks pointing out of the root.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '../../src/http/index.js';

const SECRET = 'top-secret-outside-root';
let base: string;
let server: RunningHttpServer;

/** Sends one request line verbatim and returns the status code and body. */
function rawGet(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kiln-traversal-'));
  const root = join(base, 'http');
  await mkdir(join(root, 'sub'), { recursive: true });
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(root, 'ok.cfg'), 'ok');
  await writeFile(join(root, '..hidden'), 'dots in a name are fine');
  await symlink(join(base, 'secret.txt'), join(root, 'escape.txt'));
  await symlink(base, join(root, 'up'));
  await symlink(join(root, 'ok.cfg'), join(root, 'sub', 'inside.cfg'));
  server = await startHttpServer({ directory: root, portRange: { min: 20000, max: 29999 } });
});

afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

describe('path traversal', () => {
  it('serves a normal file over a raw socket (the probe works)', async () => {
    expect(await rawGet('/ok.cfg')).toEqual({ status: 200, body: 'ok' });
    expect(await rawGet('/.//ok.cfg?x=1')).toEqual({ status: 200, body: 'ok' });
  });

  it.each([
    '/../secret.txt',
    '/sub/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/sub/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..\\secret.txt',
    '/sub\\..\\..\\secret.txt',
    '/..%5csecret.txt',
    '/ok.cfg%00.txt',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/../../../../etc/passwd',
  ])('refuses %s', async (target) => {
    const { status, body } = await rawGet(target);
    expect([400, 403, 404]).toContain(status);
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain('root:');
  });

  it('refuses absolute-form and non-slash targets', async () => {
    expect((await rawGet('http://x/../secret.txt')).status).toBe(400);
    expect((await rawGet('*')).status).toBe(400);
  });

  it('refuses symlinks that resolve outside the root, follows those inside', async () => {
    expect(await rawGet('/escape.txt')).toMatchObject({ status: 403 });
    expect(await rawGet('/up/secret.txt')).toMatchObject({ status: 403 });
    expect(await rawGet('/sub/inside.cfg')).toEqual({ status: 200, body: 'ok' });
  });

  it('does not mistake names starting with dots for traversal', async () => {
    expect(await rawGet('/..hidden')).toEqual({ status: 200, body: 'dots in a name are fine' });
  });

  it('logs refused requests with their raw target', () => {
    const refused = server.requests().filter((entry) => entry.path === '/%2e%2e/secret.txt');
    expect(refused).toEqual([expect.objectContaining({ status: 403, bytes: expect.any(Number) })]);
  });
});
