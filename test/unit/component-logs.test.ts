// What the parts of a build write to its debug log: the QMP client against a scripted QMP server (every
// exchange, password arguments hidden, the status poll only when its answer changes), the HTTP server (each
// request, a secret in its path redacted), and the SSH wait (each attempt, never the password).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { QmpClient } from '../../src/builders/qemu/qmp.js';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { createBuildLog } from '../../src/core/debug-log.js';
import { createRedactor } from '../../src/core/redact.js';
import { startHttpServer } from '../../src/http/index.js';
import { findFreePort } from '../../src/net/ports.js';

const dir = mkdtempSync(join(tmpdir(), 'kiln-qmp-'));
let server: Server | undefined;
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Answers like QEMU: a greeting, then one line per command; query-status says `states` in turn. */
async function fakeQmp(path: string, states: string[]): Promise<void> {
  server = createServer((socket) => {
    socket.write('{"QMP": {"version": {}, "capabilities": []}}\n');
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        const { execute } = JSON.parse(line) as { execute: string };
        const status = execute === 'query-status' ? (states.shift() ?? 'running') : undefined;
        const answer = status ? { status, running: status === 'running' } : {};
        socket.write(`${JSON.stringify({ return: answer })}\n`);
        if (execute === 'stop') socket.write('{"event": "STOP", "timestamp": {}}\n');
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(path, resolve));
}

it('logs each exchange and event, hides passwords, and repeats a status only when it changed', async () => {
  const socket = join(dir, 'qmp.sock');
  await fakeQmp(socket, ['running', 'running', 'running', 'paused']);
  const log = createBuildLog({ redact: (text) => text });
  const qmp = await QmpClient.connect(socket, new AbortController().signal, { log: log.scoped('qmp') });
  await qmp.command('change-vnc-password', { password: 'vnc-s3cret' });
  for (let i = 0; i < 4; i++) await qmp.queryStatus();
  await qmp.command('stop');
  await new Promise((resolve) => setTimeout(resolve, 50));
  qmp.close();
  const lines = log.tail().map((line) => line.replace(/^.*\[DEBUG\] qmp: /, ''));
  expect(lines).toEqual([
    `connecting to ${socket}`,
    '-> {"execute":"qmp_capabilities"}',
    '<- qmp_capabilities: {"return":{}}',
    '-> {"execute":"change-vnc-password","arguments":{"password":"<hidden>"}}',
    '<- change-vnc-password: {"return":{}}',
    '<- query-status: {"return":{"status":"running","running":true}}',
    '<- query-status: {"return":{"status":"paused","running":false}}',
    '-> {"execute":"stop"}',
    '<- stop: {"return":{}}',
    '<- event {"event": "STOP", "timestamp": {}}',
    'connection closed',
  ]);
});

it('the HTTP server logs each request, with a secret in its path redacted', async () => {
  const log = createBuildLog({ redact: createRedactor(['p@ss word']) });
  const http = await startHttpServer({ content: { '/ks.cfg': 'x' }, log: log.scoped('http') });
  try {
    await fetch(`http://127.0.0.1:${http.port}/ks.cfg`);
    await fetch(`http://127.0.0.1:${http.port}/${encodeURIComponent('p@ss word')}.cfg`);
  } finally {
    await http.close();
  }
  const text = log.tail().join('\n');
  expect(text).toMatch(new RegExp(`http: serving http_content on 127\\.0\\.0\\.1:${http.port}`));
  expect(text).toMatch(/http: GET \/ks\.cfg -> 200, 1 bytes in \d+ ms to 127\.0\.0\.1 \(node\)/);
  expect(text).toMatch(/http: GET \/<sensitive>\.cfg -> 404/);
  expect(text).not.toContain('p%40ss');
});

it('the SSH wait logs each attempt and how it ended, naming the login method but never the password', async () => {
  const log = createBuildLog({ redact: (text) => text });
  const port = await findFreePort('127.0.0.1', { min: 20000, max: 30000 });
  const waiting = waitForSsh({
    host: '127.0.0.1',
    port,
    username: 'root',
    password: 'hunter2',
    timeoutMs: 1_200,
    handshakeAttempts: 0,
    signal: new AbortController().signal,
    log: log.scoped('ssh'),
  });
  await expect(waiting).rejects.toThrow(/timed out/);
  const text = log.tail().join('\n');
  expect(text).toContain(`ssh: attempt 1: connecting to root@127.0.0.1:${port} (password)`);
  expect(text).toMatch(/ssh: attempt 1 failed after \d+ ms: .*ECONNREFUSED/);
  expect(text).toContain('attempt 2: connecting');
  expect(text).not.toContain('hunter2');
});
