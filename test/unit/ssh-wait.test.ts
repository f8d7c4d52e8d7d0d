import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WaitForSshOptions, waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { CancelledError, KilnError, WaitTimeoutError } from '../../src/core/errors.js';
import { findFreePort } from '../../src/net/ports.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

let sshd: SshdFixture;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});

function options(overrides: Partial<WaitForSshOptions> = {}): WaitForSshOptions {
  return {
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    privateKey: sshd.ed25519Key,
    timeoutMs: 10_000,
    handshakeAttempts: 3,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** A listener that accepts TCP and never says a word: QEMU's slirp forward before sshd runs. */
async function holdingServer(
  port = 0,
): Promise<{ server: Server; port: number; sockets: Set<Socket>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    server,
    sockets,
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('waitForSsh against a real sshd', () => {
  it('connects with an ed25519 key and leaves no abort listener behind', async () => {
    const controller = new AbortController();
    const comm = await waitForSsh(options({ signal: controller.signal }));
    try {
      const out: string[] = [];
      const result = await comm.run('echo ready', {
        signal: controller.signal,
        onStdout: (c) => out.push(c),
      });
      expect(result).toEqual({ exitCode: 0 });
      expect(out.join('')).toBe('ready\n');
    } finally {
      await comm.close();
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('connects with an RSA key', async () => {
    const comm = await waitForSsh(options({ privateKey: sshd.rsaKey }));
    await comm.close();
    await comm.close();
  });

  it('reads the key from privateKeyPath', async () => {
    const comm = await waitForSsh(
      options({ privateKey: undefined, privateKeyPath: join(sshd.dir, 'id_ed25519') }),
    );
    await comm.close();
  });

  it('fails at once on a wrong key passphrase', async () => {
    const keyPath = join(sshd.dir, 'id_locked');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'right', '-f', keyPath]);
    const started = Date.now();
    const error = await waitForSsh(options({ privateKey: readFileSync(keyPath), passphrase: 'wrong' })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(KilnError);
    expect(error.code).toBe('ssh-key');
    expect(error.hint).toMatch(/passphrase/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up after handshakeAttempts authentication failures, naming the user', async () => {
    const attempts: string[] = [];
    const error = await waitForSsh(
      options({
        privateKey: sshd.strangerKey,
        handshakeAttempts: 2,
        onAttempt: (a) => attempts.push(a.error),
      }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.code).toBe('ssh-auth');
    expect(error.message).toMatch(/authentication failed for user root \(check ssh_username\/ssh_password\)/);
    expect(error.hint).toMatch(/ssh_username/);
    expect(attempts).toHaveLength(2);
  });

  it('times out with "connection refused" when nothing listens', async () => {
    const port = await findFreePort('127.0.0.1', { min: 40001, max: 50000 });
    const attempts: number[] = [];
    const error = await waitForSsh(
      options({ port, timeoutMs: 1_600, onAttempt: (a) => attempts.push(a.attempt) }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toMatch(
      /timed out after 1\.6s waiting for SSH on 127\.0\.0\.1:\d+; last error: connection refused/,
    );
    expect(error.hint).toMatch(/nothing listens/);
    // Refused is instant, but attempts are spaced ~500 ms apart: no spinning.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.length).toBeLessThanOrEqual(5);
  });

  it('times out with "handshake timed out" when the port accepts but sshd never answers', async () => {
    const hold = await holdingServer();
    try {
      const error = await waitForSsh(options({ port: hold.port, timeoutMs: 2_500 })).catch((e) => e);
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect(error.message).toMatch(
        /last error: handshake timed out \(sshd not answering yet — the install may still be running\)/,
      );
      expect(error.hint).toMatch(/ssh_timeout must cover the whole OS install/);
    } finally {
      await hold.close();
    }
  });

  it('notices sshd within about a second after the port starts answering', async () => {
    const hold = await holdingServer();
    const port = hold.port;
    const comm = waitForSsh(options({ port, timeoutMs: 20_000 }));
    let late: SshdFixture | undefined;
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await hold.close();
      late = await startSshd({ port, keys: sshd });
      const listening = Date.now();
      const connected = await comm;
      const latency = Date.now() - listening;
      await connected.close();
      expect(latency).toBeLessThan(1_200);
    } finally {
      await hold.close();
      await late?.stop();
    }
  });

  it('stops at once when isAlive reports the VM died', async () => {
    const hold = await holdingServer();
    let dead: string | undefined;
    setTimeout(() => {
      dead = 'QEMU exited with code 1';
    }, 300);
    const started = Date.now();
    try {
      const error = await waitForSsh(options({ port: hold.port, isAlive: () => dead })).catch((e) => e);
      expect(error).toBeInstanceOf(KilnError);
      expect(error.code).toBe('vm-died');
      expect(error.message).toBe('stopped waiting for SSH: QEMU exited with code 1');
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await hold.close();
    }
  });

  it('is abortable mid-attempt and closes its socket', async () => {
    const hold = await holdingServer();
    const controller = new AbortController();
    try {
      const pending = waitForSsh(options({ port: hold.port, signal: controller.signal }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hold.sockets.size).toBe(1);
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(CancelledError);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hold.sockets.size).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      await hold.close();
    }
  });

  it('rejects an already aborted signal without connecting', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(waitForSsh(options({ signal: controller.signal }))).rejects.toBeInstanceOf(CancelledError);
  });
});
