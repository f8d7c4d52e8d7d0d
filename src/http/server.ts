// The build's HTTP server for preseeds and kickstarts: files from one directory or an in-memory map, GET/HEAD
// only, never outside its root, with a request log and a close() that does not wait for keep-alive clients.
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../core/debug-log.js';
import { CancelledError, errorMessage, KilnError } from '../core/errors.js';
import type { PortRange } from '../net/ports.js';
import { type ContentMap, serveContent, validateContentMap } from './content-map.js';
import { listenInRange } from './listen.js';
import { type FileTransform, sendError, sendFile } from './responses.js';
import { type PathResolution, resolveRequestPath } from './safe-path.js';

export interface RequestLogEntry {
  method: string;
  /** The request target as received (undecoded). */
  path: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  remoteAddress: string;
  durationMs: number;
  /** Why the server answered 500 (e.g. a `.hbs` file that does not render). */
  error?: string;
}

export interface HttpServerOptions {
  /** `http_directory`; exclusive with `content`. */
  directory?: string;
  /** `http_content`: URL path (starting with '/') → body. */
  content?: ContentMap;
  /** Default 127.0.0.1 (Packer binds 0.0.0.0; QEMU user networking reaches the host on loopback). */
  host?: string;
  /** `http_port_min`/`http_port_max`, default 8000–9000. */
  portRange?: PortRange;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Render hook for files from `directory`; see FileTransform. */
  transform?: FileTransform;
  /** A request for `/x` is served from `x<templateExtension>` when `x` does not exist (e.g. '.hbs'). */
  templateExtension?: string;
  /** Aborting closes the server. */
  signal?: AbortSignal;
  /** The address the guest reaches this server at; default 10.0.2.2 (QEMU user networking's host). */
  guestIp?: string;
  /** The debug log: where the server listens and every request, with its timing and headers' user agent. */
  log?: Logger;
}

export interface RunningHttpServer {
  port: number;
  host: string;
  /** For `{{ .HTTPIP }}`: where the guest sees the server (not where it listens). */
  guestIp: string;
  /** Destroys open connections, then stops listening. Safe to call more than once. */
  close(): Promise<void>;
  requests(): readonly RequestLogEntry[];
}

/** Alias kept for callers that name the handle after the function. */
export type HttpServerHandle = RunningHttpServer;

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const source = await prepareSource(options);
  if (options.signal?.aborted) throw new CancelledError('HTTP server not started: build cancelled');
  const log: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const failure: { message?: string } = {};
    handle(req, res, source, options, log, failure).catch((error: unknown) => {
      failure.message = errorMessage(error);
      // Mid-body there is no way to report it but cutting the connection; before, a 500 says what broke.
      if (res.headersSent) res.destroy();
      else sendError(res, 500, `internal error: ${failure.message}`, req.method === 'HEAD');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listenInRange(server, host, options.portRange ?? { min: 8000, max: 9000 });
  const served = source.kind === 'directory' ? `directory ${source.root}` : 'http_content';
  options.log?.debug(`serving ${served} on ${host}:${port}`);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= closeServer(server, sockets, () => options.signal?.removeEventListener('abort', onAbort));
    return closing;
  };
  const onAbort = (): void => void close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  return { port, host, guestIp: options.guestIp ?? '10.0.2.2', close, requests: () => [...log] };
}

type Source = { kind: 'directory'; root: string } | { kind: 'content'; content: ContentMap };

async function prepareSource(options: HttpServerOptions): Promise<Source> {
  if (options.directory !== undefined && options.content !== undefined) {
    throw new KilnError('http_directory and http_content cannot both be set', { code: 'bad-http-config' });
  }
  if (options.content !== undefined) return { kind: 'content', content: validateContentMap(options.content) };
  if (options.directory === undefined) {
    throw new KilnError('the HTTP server needs http_directory or http_content', { code: 'bad-http-config' });
  }
  const info = await stat(options.directory).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new KilnError(
      `Error finding "${options.directory}": ${info ? 'not a directory' : 'no such directory'}`,
      {
        code: 'http-directory',
        hint: 'http_directory is relative to the directory Kiln runs in; check the path',
      },
    );
  }
  // The real path, so symlinks inside the root can be compared against it.
  return { kind: 'directory', root: await realpath(options.directory) };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  source: Source,
  options: HttpServerOptions,
  log: RequestLogEntry[],
  failure: { message?: string },
): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  let bytes = 0;
  res.once('close', () => {
    const entry = {
      method,
      path: target,
      status: res.statusCode,
      bytes,
      remoteAddress: req.socket.remoteAddress ?? '',
      durationMs: performance.now() - started,
      ...(failure.message === undefined ? {} : { error: failure.message }),
    };
    log.push(entry);
    options.log?.debug(
      `${method} ${target} -> ${entry.status}, ${bytes} bytes in ${Math.round(entry.durationMs)} ms to ${entry.remoteAddress} (${req.headers['user-agent'] ?? 'no user agent'})${entry.error ? `: ${entry.error}` : ''}`,
    );
    // A logging callback must never take the server down mid-install.
    try {
      options.onRequest?.(entry);
    } catch {}
  });
  const head = method === 'HEAD';
  if (method !== 'GET' && !head) {
    res.setHeader('Allow', 'GET, HEAD');
    bytes = sendError(res, 405, `${method} not allowed`, false);
    return;
  }
  if (source.kind === 'content') {
    bytes = serveContent(res, source.content, target, head);
    return;
  }
  const resolved = await resolveWithTemplate(source.root, target, options.templateExtension);
  if (resolved.kind === 'file') {
    await sendFile(
      res,
      resolved,
      head,
      (n) => {
        bytes += n;
      },
      options.transform,
    );
    return;
  }
  const status = { 'bad-request': 400, forbidden: 403, 'not-found': 404 }[resolved.kind];
  bytes = sendError(res, status, status === 404 ? `${target} not found` : resolved.reason, head);
}

/** `/preseed.cfg` falls back to `preseed.cfg.hbs` when the plain file does not exist. */
async function resolveWithTemplate(
  root: string,
  target: string,
  extension: string | undefined,
): Promise<PathResolution> {
  const resolved = await resolveRequestPath(root, target);
  if (resolved.kind !== 'not-found' || !extension) return resolved;
  const [path = '', rest = ''] = target.split(/(?=[?#])/, 2);
  const templated = await resolveRequestPath(root, `${path}${extension}${rest}`);
  return templated.kind === 'file'
    ? { ...templated, urlPath: templated.urlPath.slice(0, -extension.length) }
    : resolved;
}

function closeServer(server: Server, sockets: Set<Socket>, detach: () => void): Promise<void> {
  detach();
  // Installers keep connections alive; server.close() alone would wait for them to time out.
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
