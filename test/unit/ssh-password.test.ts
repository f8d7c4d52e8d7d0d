// Password auth against ssh2's in-process server: no system user or password is needed on this machine.

import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { KilnError } from '../../src/core/errors.js';

let server: ssh2.Server | undefined;
let port: number;

beforeAll(async () => {
  // node:crypto's PEM, not ssh2's generator: ssh2 now and then fails to parse the OpenSSH keys it generates.
  const hostKey = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).privateKey;
  server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === 'kiln' && ctx.password === 'secret') ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().once('exec', (acceptExec, _reject, info) => {
          const channel = acceptExec();
          channel.write(`ran: ${info.command}\n`);
          channel.exit(5);
          channel.end();
        });
      });
    });
    client.on('error', () => {});
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  port = (listening.address() as AddressInfo).port;
});
afterAll(async () => {
  const running = server;
  if (running) await new Promise((resolve) => running.close(resolve));
});

const signal = new AbortController().signal;

describe('waitForSsh with a password', () => {
  it('logs in and runs a command', async () => {
    const comm = await waitForSsh({
      host: '127.0.0.1',
      port,
      username: 'kiln',
      password: 'secret',
      timeoutMs: 5_000,
      handshakeAttempts: 1,
      signal,
    });
    try {
      const out: string[] = [];
      const result = await comm.run('whoami', { signal, onStdout: (c) => out.push(c) });
      expect(result).toEqual({ exitCode: 5 });
      expect(out.join('')).toBe('ran: whoami\n');
    } finally {
      await comm.close();
    }
  });

  it('reports a wrong password in plain words after the allowed attempts', async () => {
    const attempts: string[] = [];
    const error = await waitForSsh({
      host: '127.0.0.1',
      port,
      username: 'kiln',
      password: 'wrong',
      timeoutMs: 10_000,
      handshakeAttempts: 2,
      signal,
      onAttempt: (a) => attempts.push(a.error),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.message).toMatch(
      /^SSH authentication failed for user kiln \(check ssh_username\/ssh_password\), 2 time\(s\)/,
    );
    expect(attempts).toEqual([
      'authentication failed for user kiln (check ssh_username/ssh_password)',
      'authentication failed for user kiln (check ssh_username/ssh_password)',
    ]);
  });

  it('with a timeout only, keeps retrying auth failures and times out naming them', async () => {
    const error = await waitForSsh({
      host: '127.0.0.1',
      port,
      username: 'kiln',
      password: 'wrong',
      timeoutMs: 1_500,
      handshakeAttempts: 0,
      signal,
    }).catch((e) => e);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/last error: authentication failed for user kiln/);
    expect(error.hint).toMatch(/refuses the login/);
  });
});
