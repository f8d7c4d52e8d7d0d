// ssh_bastion_*: the guest's SSH runs through a jump host's direct-tcpip channel; two real sshds on loopback.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

const signal = new AbortController().signal;
let jump: SshdFixture;
let guest: SshdFixture;

beforeAll(async () => {
  jump = await startSshd({ logLevel: 'DEBUG3', sftp: false });
  guest = await startSshd({ keys: jump });
});
afterAll(async () => {
  await guest?.stop();
  await jump?.stop();
});

const viaBastion = (bastionKey: Buffer, timeoutMs = 10_000) =>
  waitForSsh({
    host: '127.0.0.1',
    port: guest.port,
    username: 'root',
    privateKey: jump.ed25519Key,
    bastion: { host: '127.0.0.1', port: jump.port, username: 'root', privateKey: bastionKey },
    timeoutMs,
    handshakeAttempts: 1,
    signal,
  });

describe('bastion', () => {
  it('runs commands and uploads on the guest through the jump host, and reconnects through it', async () => {
    const comm = await viaBastion(jump.rsaKey);
    try {
      expect(jump.log()).toContain(`target 127.0.0.1 port ${guest.port}`);
      let out = '';
      await comm.run('echo $SSH_CONNECTION', { signal, onStdout: (c) => (out += c) });
      // The guest sees the connection arriving from the jump host's side, on the guest's port.
      expect(out.trim().split(' ')[3]).toBe(String(guest.port));
      const remote = join(guest.dir, 'via-bastion.txt');
      await comm.upload(Buffer.from('through the jump host\n'), remote, { signal });
      expect(readFileSync(remote, 'utf8')).toBe('through the jump host\n');
      const forwards = jump.log().split(`target 127.0.0.1 port ${guest.port}`).length;
      // Drop the guest connection (as a reboot would): the next command reconnects through the bastion.
      const dropped = await comm.run('kill -KILL $PPID', { signal });
      expect(dropped.exitCode).toBeNull();
      expect((await comm.run('true', { signal })).exitCode).toBe(0);
      expect(jump.log().split(`target 127.0.0.1 port ${guest.port}`).length).toBe(forwards + 1);
    } finally {
      await comm.close();
    }
  });

  it('says when the jump host refuses the login', async () => {
    await expect(viaBastion(jump.strangerKey)).rejects.toThrow(/bastion 127\.0\.0\.1:\d+/);
  });
});
