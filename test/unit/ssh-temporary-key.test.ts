// The temporary key pair end to end against a real sshd: log in with it, then ssh_clear_authorized_keys
// removes it from ~/.ssh/authorized_keys (and only it), so it no longer opens the machine.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAuthorizedKey, removeAuthorizedKeyCommand } from '../../src/communicators/authorized-keys.js';
import type { Communicator } from '../../src/communicators/communicator.js';
import { generateSshKeyPair, type SshKeyPair } from '../../src/communicators/ssh-keygen.js';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

const signal = new AbortController().signal;
let home: string;
let authorized: string;
let sshd: SshdFixture;
let pair: SshKeyPair;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'kiln-home-'));
  mkdirSync(join(home, '.ssh'));
  authorized = join(home, '.ssh', 'authorized_keys');
  pair = generateSshKeyPair('ed25519', undefined, 'kiln_test');
  writeFileSync(authorized, '');
  // HOME in the session is the temp dir, so `~/.ssh/authorized_keys` never means this machine's real one.
  sshd = await startSshd({ authorizedKeysFile: authorized, extraConfig: [`SetEnv HOME=${home}`] });
  writeFileSync(authorized, `${sshd.authorized}${pair.publicKey}\n`);
});
afterAll(async () => {
  await sshd?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

const login = (privateKey: string) =>
  waitForSsh({
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    privateKey,
    timeoutMs: 5_000,
    handshakeAttempts: 1,
    signal,
  });

describe('temporary key pair', () => {
  it('logs in, and after clearing authorized_keys no longer does', async () => {
    const comm = await login(pair.privateKey);
    try {
      expect((await comm.run('true', { signal })).exitCode).toBe(0);
      expect(await removeAuthorizedKey(comm, pair.publicKey, signal)).toBeUndefined();
    } finally {
      await comm.close();
    }
    const left = readFileSync(authorized, 'utf8');
    expect(left).not.toContain(pair.publicKey.split(' ')[1]);
    expect(left).toBe(sshd.authorized);
    expect(existsSync(`${authorized}.bak`)).toBe(false);
    await expect(login(pair.privateKey)).rejects.toThrow(/auth/i);
  });

  it('reports, without throwing, a guest where the file cannot be edited', async () => {
    const comm = await login(sshd.ed25519Key.toString());
    try {
      const elsewhere: Communicator = {
        upload: (source, path, options) => comm.upload(source, path, options),
        download: (remote, local, options) => comm.download(remote, local, options),
        close: () => comm.close(),
        run: (command, options) => comm.run(command.replaceAll('~/.ssh', '/nonexistent'), options),
      };
      const failure = await removeAuthorizedKey(elsewhere, pair.publicKey, signal);
      expect(failure).toMatch(/exit status/);
    } finally {
      await comm.close();
    }
  });

  it('refuses a line that is not a public key rather than running a broken sed', () => {
    expect(() => removeAuthorizedKeyCommand("ssh-rsa AAA'B")).toThrow(/not an authorized_keys line/);
  });
});
