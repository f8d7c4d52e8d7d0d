// Test fixtures for ISO acquisition: a generated ISO-like file and a counting HTTP server on 127.0.0.1:0.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Route =
  | { body: Buffer }
  | { status: number }
  /** Sends headers and `first` bytes of `body`, then stalls until the client goes away. */
  | { stallAfter: number; body: Buffer }
  /** Sends the first half of `body`, the rest after `delayMs`. */
  | { delayMs: number; body: Buffer };

export interface FixtureServer {
  base: string;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Route>): Promise<FixtureServer> {
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404).end('not found');
    } else if ('status' in route) {
      res.writeHead(route.status).end();
    } else if ('delayMs' in route) {
      const half = Math.floor(route.body.length / 2);
      res.writeHead(200, { 'Content-Length': route.body.length });
      res.write(route.body.subarray(0, half));
      setTimeout(() => res.end(route.body.subarray(half)), route.delayMs);
    } else if ('stallAfter' in route) {
      res.writeHead(200, { 'Content-Length': route.body.length });
      res.write(route.body.subarray(0, route.stallAfter));
    } else {
      res.writeHead(200, { 'Content-Length': route.body.length });
      res.end(route.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits: (path) => counts.get(path) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface IsoFixture {
  dir: string;
  isoPath: string;
  data: Buffer;
  sha256: string;
  md5: string;
  cleanup(): Promise<void>;
}

/** A few MB of random bytes standing in for an ISO. */
export async function makeIsoFixture(size = 3 * 1024 * 1024 + 17): Promise<IsoFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-iso-'));
  const data = randomBytes(size);
  const isoPath = join(dir, 'debian-12.5.0-amd64-netinst.iso');
  await writeFile(isoPath, data);
  return {
    dir,
    isoPath,
    data,
    sha256: createHash('sha256').update(data).digest('hex'),
    md5: createHash('md5').update(data).digest('hex'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
