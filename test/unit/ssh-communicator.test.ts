import { getEventListeners } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshCommunicator, SshSessionOptions } from '../../src/communicators/ssh-communicator.js';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { createBuildLog, type Logger } from '../../src/core/debug-log.js';
import { CancelledError } from '../../src/core/errors.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

const signal = new AbortController().signal;
let sshd: SshdFixture;
let noSftp: SshdFixture;
let comm: SshCommunicator;
let sftp: SshCommunicator;
let local: string;

beforeAll(async () => {
  sshd = await startSshd();
  noSftp = await startSshd({ sftp: false, keys: sshd });
  comm = await connect(sshd.port);
  sftp = await connect(sshd.port, { fileTransferMethod: 'sftp' });
  local = mkdtempSync(join(tmpdir(), 'kiln-ssh-comm-'));
});
afterAll(async () => {
  await comm?.close();
  await sftp?.close();
  await sshd?.stop();
  await noSftp?.stop();
  if (local) rmSync(local, { recursive: true, force: true });
});

function connect(
  port: number,
  session: Partial<SshSessionOptions> = {},
  log?: Logger,
): Promise<SshCommunicator> {
  return waitForSsh({
    host: '127.0.0.1',
    port,
    username: 'root',
    privateKey: sshd.ed25519Key,
    timeoutMs: 10_000,
    handshakeAttempts: 1,
    signal,
    session,
    ...(log ? { log } : {}),
  });
}

describe('SshCommunicator.run', () => {
  it('reports exit codes and streams stdout and stderr separately', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await comm.run('echo out; echo err >&2; printf é; exit 3', {
      signal,
      onStdout: (c) => out.push(c),
      onStderr: (c) => err.push(c),
    });
    expect(result).toEqual({ exitCode: 3 });
    expect(out.join('')).toBe('out\né');
    expect(err.join('')).toBe('err\n');
  });

  it('gives the command an empty stdin instead of hanging', async () => {
    const result = await comm.run('cat', { signal });
    expect(result.exitCode).toBe(0);
  });

  it('reports a signal-killed command', async () => {
    const result = await comm.run('kill -KILL $$', { signal });
    expect(result.exitCode).toBeNull();
    expect(result.signal).toMatch(/KILL/);
  });

  it('is cancellable and removes its abort listener', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    await expect(comm.run('sleep 30', { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('returns exitCode null when the connection drops, then reconnects for the next command', async () => {
    const own = await connect(sshd.port);
    try {
      // Kill this session's sshd process: the channel ends without an exit status (Packer's disconnect).
      const result = await own.run('kill -KILL $PPID; sleep 5', { signal });
      expect(result).toEqual({ exitCode: null });
      const out: string[] = [];
      const again = await own.run('echo back', { signal, onStdout: (c) => out.push(c) });
      expect(again.exitCode).toBe(0);
      expect(out.join('')).toBe('back\n');
    } finally {
      await own.close();
    }
  });
});

describe('SshCommunicator.upload/download', () => {
  it('uploads a Buffer over SFTP with the requested mode, overwriting', async () => {
    const remote = join(local, 'remote-buffer.sh');
    writeFileSync(remote, 'old old old old');
    await sftp.upload(Buffer.from('#!/bin/sh\necho hi\n'), remote, { mode: 0o755, signal });
    expect(readFileSync(remote, 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(remote).mode & 0o777).toBe(0o755);
  });

  it('uploads and downloads a file over SFTP', async () => {
    const source = join(local, 'big.bin');
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileSync(source, data);
    const remote = join(local, 'big-remote.bin');
    await sftp.upload(source, remote, { signal });
    expect(readFileSync(remote).equals(data)).toBe(true);
    expect(statSync(remote).mode & 0o777).toBe(0o644);
    const back = join(local, 'big-back.bin');
    await sftp.download(remote, back, { signal });
    expect(readFileSync(back).equals(data)).toBe(true);
  });

  it('uploads over scp by default, which needs no SFTP subsystem; sftp there fails naming the option', async () => {
    const scp = await connect(noSftp.port);
    const noSubsystem = await connect(noSftp.port, { fileTransferMethod: 'sftp' });
    try {
      await expect(
        noSubsystem.upload(Buffer.from('x'), join(local, 'never.txt'), { signal }),
      ).rejects.toThrow(/no SFTP subsystem/);
      const remote = join(local, 'via-scp.txt');
      await scp.upload(Buffer.from('scp body\n'), remote, { mode: 0o600, signal });
      expect(readFileSync(remote, 'utf8')).toBe('scp body\n');
      expect(statSync(remote).mode & 0o777).toBe(0o600);
      const source = join(local, 'scp-source.bin');
      const data = Buffer.alloc(2 * 1024 * 1024, 3);
      writeFileSync(source, data);
      await scp.upload(source, join(local, 'scp-file.bin'), { signal });
      expect(readFileSync(join(local, 'scp-file.bin')).equals(data)).toBe(true);
    } finally {
      await scp.close();
      await noSubsystem.close();
    }
  });

  it('reports an scp error with the remote message', async () => {
    const scp = await connect(noSftp.port);
    try {
      await expect(
        scp.upload(Buffer.from('x'), join(local, 'missing-dir', 'file'), { signal }),
      ).rejects.toThrow(/scp .*missing-dir/);
    } finally {
      await scp.close();
    }
  });
});

describe('SshCommunicator debug log', () => {
  it('logs every remote command with its exit status, and every transfer, redacted', async () => {
    const log = createBuildLog({ redact: (text) => text.replaceAll('s3cret', '<sensitive>') });
    const logged = await connect(sshd.port, {}, log.scoped('ssh'));
    try {
      await logged.run('TOKEN=s3cret; exit 4', { signal });
      const remote = `/tmp/kiln-log-${process.pid}`;
      await logged.upload(Buffer.from('x'), remote, { signal });
      await logged.download(remote, join(local, 'back'), { signal });
      await expect(logged.download('/nonexistent/x', join(local, 'no'), { signal })).rejects.toThrow();
      await logged.run(`rm -f ${remote}`, { signal });
    } finally {
      await logged.close();
    }
    const lines = log.tail().join('\n');
    expect(lines).toContain('ssh: starting remote command: TOKEN=<sensitive>; exit 4');
    expect(lines).toContain('ssh: remote command exited with 4: TOKEN=<sensitive>; exit 4');
    expect(lines).toMatch(/ssh: uploading 1 bytes to \/tmp\/kiln-log-\d+ over scp/);
    expect(lines).toMatch(/ssh: downloading \/tmp\/kiln-log-\d+ to .*back over sftp/);
    expect(lines).toMatch(/ssh: download failed: .*nonexistent/);
    expect(lines).not.toContain('s3cret');
  });
});
