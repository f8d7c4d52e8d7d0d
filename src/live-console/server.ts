// The live console's web server: one page, its script and a WebSocket, on 127.0.0.1 only (a free port), every
// path under a random token so nobody else on the machine can watch or type; the WebSocket also checks that
// the page it serves is the one asking (Origin), so another site in the same browser cannot use the token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { listen } from '../http/index.js';
import type { BuildConsole, ConsoleMode } from './build-console.js';
import { ConsoleHub } from './hub.js';
import { PAGE_HTML } from './page-html.js';
import { PAGE_SCRIPT } from './page-script.js';

const HOST = '127.0.0.1';
/** Pages only send small JSON key messages. */
const MAX_MESSAGE_BYTES = 4_096;

export interface LiveConsole {
  /** http://127.0.0.1:PORT/TOKEN/ — print it once; it is the only way in. */
  readonly url: string;
  forBuild(name: string): BuildConsole;
  /** A line not tied to one build (the run's summary). */
  log(line: string): void;
  /** The run's result, the page's last word. */
  end(ok: boolean, text: string): void;
  /** Closes the pages' WebSockets and the server; idempotent. */
  close(): Promise<void>;
}

export async function startLiveConsole(mode: ConsoleMode): Promise<LiveConsole> {
  const token = randomBytes(24).toString('base64url');
  const hub = new ConsoleHub(mode);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origin = '';
  const server = createServer((req, res) => respond(req, res, token, origin));
  server.on('upgrade', (req, socket, head) => {
    if (route(req, token, origin) !== 'ws' || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => hub.join(ws));
  });
  await listen(server, HOST, 0);
  origin = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/${token}/`,
    forBuild: (name) => hub.forBuild(name),
    log: (line) => hub.log(line),
    end: (ok, text) => hub.end(ok, text),
    close: () => {
      closing ??= (async () => {
        await hub.close();
        sockets.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

type Route = 'page' | 'script' | 'ws' | 'redirect' | 'forbidden' | 'missing';

/** Which resource a request names; anything without the token (or for another host name) is forbidden. */
function route(req: IncomingMessage, token: string, origin: string): Route {
  if (req.headers.host !== origin.slice('http://'.length)) return 'forbidden';
  const [first = '', ...rest] = (req.url ?? '').split('?')[0]!.split('/').slice(1);
  if (!sameToken(first, token)) return 'forbidden';
  const path = rest.join('/');
  if (rest.length === 0) return 'redirect';
  if (path === '') return 'page';
  if (path === 'console.js') return 'script';
  if (path === 'ws') return 'ws';
  return 'missing';
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function respond(req: IncomingMessage, res: ServerResponse, token: string, origin: string): void {
  const which = req.method === 'GET' ? route(req, token, origin) : 'missing';
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  if (which === 'redirect') res.writeHead(308, { Location: `/${token}/` }).end();
  else if (which === 'page') send(res, 200, PAGE_HTML, 'text/html; charset=utf-8', pagePolicy());
  else if (which === 'script') send(res, 200, PAGE_SCRIPT, 'text/javascript; charset=utf-8');
  else if (which === 'forbidden') send(res, 403, 'wrong or missing token\n', 'text/plain');
  else send(res, 404, 'not found\n', 'text/plain');
}

function pagePolicy(): string {
  return "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'";
}

function send(res: ServerResponse, status: number, body: string, type: string, policy?: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...(policy ? { 'Content-Security-Policy': policy } : {}),
  });
  res.end(body);
}
