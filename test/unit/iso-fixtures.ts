// Test fixtures for ISO acquisition: a generated ISO-like file and a counting HTTP server on 127.0.0.1:0.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Route =
  /** `ranges`: answers `Range: bytes=N-` with 206 (otherwise the whole body, as servers without Range do). */
  | { body: Buffer; ranges?: boolean }
  | { status: number }
  /** Accepts the request and never answers. */
  | { hang: true }
  /** Sends headers and `first` bytes of `body`, then stalls until the client goes away. */
  | { stallAfter: number; body: Buffer }
  /** Sends the first half of `body`, the rest after `delayMs`. */
  | { delayMs: number; body: Buffer };

export interface FixtureServer {
  base: string;
  hits(path: string): number;
  /** The Range header of each request to `path`, in order (undefined: none). */
  ranges(path: string): (string | undefined)[];
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Route>): Promise<FixtureServer> {
  const seen = new Map<string, (string | undefined)[]>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.set(path, [...(seen.get(path) ?? []), req.headers.range]);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404).end('not found');
    } else if ('hang' in route) {
      // Headers are never sent; the connection stays open until the client gives up.
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
    } else if (route.ranges && req.headers.range !== undefined) {
      sendRange(res, route.body, req.headers.range);
    } else {
      res.writeHead(200, {
        'Content-Length': route.body.length,
        'Accept-Ranges': route.ranges ? 'bytes' : 'none',
      });
      res.end(route.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits: (path) => seen.get(path)?.length ?? 0,
    ranges: (path) => seen.get(path) ?? [],
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** `bytes=N-` only: what download resumption sends. */
function sendRange(res: ServerResponse, body: Buffer, range: string): void {
  const start = Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? Number.NaN);
  if (!(start < body.length)) {
    res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
    return;
  }
  res.writeHead(206, {
    'Content-Length': body.length - start,
    'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`,
  });
  res.end(body.subarray(start));
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
