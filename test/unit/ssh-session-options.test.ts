// The ssh_* options that shape a connection or its sessions, each checked against a real sshd on loopback.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshCommunicator } from '../../src/communicators/ssh-communicator.js';
import { type WaitForSshOptions, waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

const signal = new AbortController().signal;
let sshd: SshdFixture;
let agentDir: string;
let agent: ChildProcess | undefined;
let agentSocket: string;

beforeAll(async () => {
  sshd = await startSshd({ logLevel: 'DEBUG3' });
  agentDir = mkdtempSync(join(tmpdir(), 'kiln-agent-'));
  agentSocket = join(agentDir, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(agentSocket); i++) await sleep(20);
  execFileSync('ssh-add', ['-q', join(sshd.dir, 'id_rsa')], { env: { SSH_AUTH_SOCK: agentSocket } });
});
afterAll(async () => {
  if (agent?.pid !== undefined && agent.exitCode === null) {
    const exited = new Promise((resolve) => agent?.once('exit', resolve));
    process.kill(agent.pid, 'SIGTERM');
    await exited;
  }
  await sshd?.stop();
  if (agentDir) rmSync(agentDir, { recursive: true, force: true });
});

function connect(extra: Partial<WaitForSshOptions> = {}): Promise<SshCommunicator> {
  return waitForSsh({
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    privateKey: sshd.ed25519Key,
    timeoutMs: 10_000,
    handshakeAttempts: 1,
    signal,
    ...extra,
  });
}

async function using<T>(comm: SshCommunicator, work: (comm: SshCommunicator) => Promise<T>): Promise<T> {
  try {
    return await work(comm);
  } finally {
    await comm.close();
  }
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('ssh_pty', () => {
  it('requests a terminal only when set', async () => {
    expect((await using(await connect(), (c) => c.run('tty', { signal }))).exitCode).not.toBe(0);
    const withPty = await connect({ session: { pty: true } });
    expect((await using(withPty, (c) => c.run('tty', { signal }))).exitCode).toBe(0);
  });
});

describe('ssh_keep_alive_interval', () => {
  it('sends keep-alives at the configured interval, and none when negative', async () => {
    const before = count(sshd.log(), 'keepalive@openssh.com');
    await using(await connect({ keepAliveIntervalMs: 100 }), (c) => c.run('sleep 1', { signal }));
    const during = count(sshd.log(), 'keepalive@openssh.com') - before;
    expect(during).toBeGreaterThanOrEqual(4);
    const after = count(sshd.log(), 'keepalive@openssh.com');
    await using(await connect({ keepAliveIntervalMs: -1 }), (c) => c.run('sleep 1', { signal }));
    expect(count(sshd.log(), 'keepalive@openssh.com')).toBe(after);
  });
});

describe('ssh_read_write_timeout', () => {
  it('ends a command that stays silent longer than the limit, not one that keeps talking', async () => {
    // A 3 s limit: opening a session on a loaded CI machine can take over a second by itself.
    await using(await connect({ session: { readWriteTimeoutMs: 3_000 } }), async (c) => {
      const started = Date.now();
      await expect(c.run('sleep 12', { signal })).rejects.toThrow(/no data for 3s/);
      expect(Date.now() - started).toBeLessThan(9_000);
      const lines: string[] = [];
      // 2.4 s in all, never 3 s without output.
      const ok = await c.run('for i in 1 2 3 4 5 6; do echo $i; sleep 0.4; done', {
        signal,
        onStdout: (chunk) => lines.push(chunk),
      });
      expect(ok.exitCode).toBe(0);
      expect(lines.join('')).toBe('1\n2\n3\n4\n5\n6\n');
    });
  });
});

describe('ssh_agent_auth and agent forwarding', () => {
  it('logs in with a key held only by the agent', async () => {
    const comm = await connect({ privateKey: undefined, agentAuth: true, agentSocket });
    expect((await using(comm, (c) => c.run('true', { signal }))).exitCode).toBe(0);
  });

  it('refuses ssh_agent_auth without SSH_AUTH_SOCK at once', async () => {
    await expect(connect({ privateKey: undefined, agentAuth: true })).rejects.toThrow(/SSH_AUTH_SOCK/);
  });

  it('forwards the agent unless ssh_disable_agent_forwarding', async () => {
    const forwarded = await using(await connect({ agentSocket }), (c) => c.run('ssh-add -l', { signal }));
    expect(forwarded.exitCode).toBe(0);
    const disabled = await connect({ agentSocket, disableAgentForwarding: true });
    expect((await using(disabled, (c) => c.run('ssh-add -l', { signal }))).exitCode).not.toBe(0);
  });
});

describe('ssh_ciphers and ssh_key_exchange_algorithms', () => {
  it('offers only the configured algorithms', async () => {
    const comm = await connect({ ciphers: ['aes128-ctr'], keyExchangeAlgorithms: ['ecdh-sha2-nistp256'] });
    await using(comm, (c) => c.run('true', { signal }));
    expect(sshd.log()).toMatch(/kex: algorithm: ecdh-sha2-nistp256/);
    expect(sshd.log()).toMatch(/kex: client->server cipher: aes128-ctr/);
  });

  it('fails at once, naming the problem, on an algorithm the SSH library does not know', async () => {
    const started = Date.now();
    await expect(connect({ ciphers: ['rot13-cbc'] })).rejects.toThrow(
      /cannot start SSH connection: .*rot13-cbc/i,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('ssh_file_transfer_method', () => {
  it('uploads through an exec of `scp -t` by default and through the sftp subsystem when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-transfer-'));
    try {
      const scpBefore = count(sshd.log(), 'req exec');
      const sftpBefore = count(sshd.log(), 'subsystem request for sftp');
      await using(await connect(), (c) => c.upload(Buffer.from('a'), join(dir, 'a'), { signal }));
      expect(count(sshd.log(), 'req exec')).toBe(scpBefore + 1);
      expect(count(sshd.log(), 'subsystem request for sftp')).toBe(sftpBefore);
      const sftp = await connect({ session: { fileTransferMethod: 'sftp' } });
      await using(sftp, (c) => c.upload(Buffer.from('b'), join(dir, 'b'), { signal }));
      expect(count(sshd.log(), 'req exec')).toBe(scpBefore + 1);
      expect(count(sshd.log(), 'subsystem request for sftp')).toBe(sftpBefore + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
