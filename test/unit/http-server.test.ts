// startHttpServer with real fetch(): files, HEAD, content map, request log, port range, close with keep-alive.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RequestLogEntry, type RunningHttpServer, startHttpServer } from '../../src/http/index.js';

let root: string;
const binary = randomBytes(256 * 1024 + 3);
const servers: RunningHttpServer[] = [];
const range = { min: 20000, max: 29999 };

async function start(options: Parameters<typeof startHttpServer>[0]): Promise<RunningHttpServer> {
  const server = await startHttpServer({ portRange: range, ...options });
  servers.push(server);
  return server;
}

const url = (server: RunningHttpServer, path: string): string =>
  `http://${server.host}:${server.port}${path}`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiln-http-'));
  await mkdir(join(root, 'sub'));
  await writeFile(join(root, 'preseed.cfg'), 'd-i debian-installer/locale string en_US\n');
  await writeFile(join(root, 'sub', 'disk.img'), binary);
  await writeFile(join(root, 'user-data'), '#cloud-config\n');
});

afterAll(() => rm(root, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('startHttpServer with a directory', () => {
  it('serves files byte for byte with length and type', async () => {
    const server = await start({ directory: root });
    const text = await fetch(url(server, '/preseed.cfg'));
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('d-i debian-installer/locale string en_US\n');
    const bin = await fetch(url(server, '/sub/disk.img'));
    expect(bin.headers.get('content-length')).toBe(String(binary.length));
    expect(Buffer.from(await bin.arrayBuffer()).equals(binary)).toBe(true);
    expect((await fetch(url(server, '/user-data'))).headers.get('content-type')).toContain('text/plain');
  });

  it('answers HEAD with headers only and refuses other methods', async () => {
    const server = await start({ directory: root });
    const head = await fetch(url(server, '/sub/disk.img'), { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(binary.length));
    const post = await fetch(url(server, '/preseed.cfg'), { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('404s missing files and directories (no listings)', async () => {
    const server = await start({ directory: root });
    for (const path of ['/missing.cfg', '/sub', '/sub/', '/']) {
      const response = await fetch(url(server, path));
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });

  it('logs every request through requests() and onRequest', async () => {
    const seen: RequestLogEntry[] = [];
    const server = await start({ directory: root, onRequest: (entry) => seen.push(entry) });
    await (await fetch(url(server, '/sub/disk.img?x=1'))).arrayBuffer();
    await (await fetch(url(server, '/nope'))).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const log = server.requests();
    expect(log).toEqual(seen);
    expect(log.map(({ method, path, status }) => [method, path, status])).toEqual([
      ['GET', '/sub/disk.img?x=1', 200],
      ['GET', '/nope', 404],
    ]);
    expect(log[0]?.bytes).toBe(binary.length);
    expect(log[0]?.remoteAddress).toBe('127.0.0.1');
    expect(log[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fails at start for a missing directory, naming it', async () => {
    const missing = join(root, 'no-such-dir');
    await expect(startHttpServer({ directory: missing, portRange: range })).rejects.toMatchObject({
      code: 'http-directory',
      message: expect.stringContaining(`Error finding "${missing}"`),
    });
  });

  it('lets a transform hook replace a file body', async () => {
    const server = await start({
      directory: root,
      transform: async (file) => (file.urlPath === '/preseed.cfg' ? { body: 'rendered' } : undefined),
    });
    expect(await (await fetch(url(server, '/preseed.cfg'))).text()).toBe('rendered');
    expect((await (await fetch(url(server, '/sub/disk.img'))).arrayBuffer()).byteLength).toBe(binary.length);
  });
});

describe('startHttpServer with content', () => {
  it('serves the map and suggests the closest key on a miss', async () => {
    const server = await start({ content: { '/preseed.cfg': 'hello', '/ks.cfg': 'ks' } });
    expect(await (await fetch(url(server, '/preseed.cfg'))).text()).toBe('hello');
    const miss = await fetch(url(server, '/presed.cfg'));
    expect(miss.status).toBe(404);
    expect(await miss.text()).toBe('/presed.cfg not found. Did you mean "/preseed.cfg"?\n');
    expect(await (await fetch(url(server, '/completely-different-name'))).text()).toBe(
      '/completely-different-name not found.\n',
    );
  });

  it('rejects keys without a leading slash and conflicting sources', async () => {
    await expect(startHttpServer({ content: { 'ks.cfg': 'x' }, portRange: range })).rejects.toMatchObject({
      code: 'bad-http-content',
      message: expect.stringContaining('"ks.cfg"'),
    });
    await expect(startHttpServer({ content: {}, directory: root, portRange: range })).rejects.toMatchObject({
      code: 'bad-http-config',
    });
  });
});

describe('server lifecycle', () => {
  it('picks a port inside the range and can pin one', async () => {
    const server = await start({ content: { '/a': 'a' }, portRange: { min: 21000, max: 21050 } });
    expect(server.port).toBeGreaterThanOrEqual(21000);
    expect(server.port).toBeLessThanOrEqual(21050);
    expect(server.host).toBe('127.0.0.1');
    const pinned = await start({
      content: { '/a': 'a' },
      portRange: { min: server.port + 1, max: server.port + 1 },
    });
    expect(pinned.port).toBe(server.port + 1);
  });

  it('fails with no-free-port when the only port in the range is taken', async () => {
    const holder = await start({ content: { '/a': 'a' } });
    await expect(
      startHttpServer({ content: { '/a': 'a' }, portRange: { min: holder.port, max: holder.port } }),
    ).rejects.toMatchObject({ code: 'no-free-port', message: expect.stringContaining(String(holder.port)) });
  });

  it('close() returns promptly with a keep-alive client connected, and is idempotent', async () => {
    const server = await start({ directory: root });
    const agent = new Agent({ keepAlive: true });
    try {
      await new Promise<void>((resolve, reject) => {
        request(url(server, '/preseed.cfg'), { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
      const started = Date.now();
      await Promise.all([server.close(), server.close()]);
      expect(Date.now() - started).toBeLessThan(1000);
      await expect(fetch(url(server, '/preseed.cfg'))).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('closes when its signal aborts', async () => {
    const controller = new AbortController();
    const server = await start({ content: { '/a': 'a' }, signal: controller.signal });
    controller.abort();
    await server.close();
    await expect(fetch(url(server, '/a'))).rejects.toThrow();
    await expect(
      startHttpServer({ content: { '/a': 'a' }, signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
