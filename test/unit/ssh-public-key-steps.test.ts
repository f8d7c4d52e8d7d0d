// {{ .SSHPublicKey }} from the build's key steps: a temporary key (or the key file's public half) reaches
// http_content as the guest would fetch it; a password login generates nothing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import { generateSshKey } from '../../src/builders/qemu/steps/generate-ssh-key.js';
import { startHttpServer } from '../../src/builders/qemu/steps/start-http-server.js';
import { sshOptionsFromConfig } from '../../src/communicators/ssh-config-options.js';
import { stepContext } from './qemu-step-context.js';
import { useTempDir } from './template-fixture.js';

const tmp = useTempDir();
const signal = new AbortController().signal;

/** Starts the step's HTTP server, fetches one path, and stops it. */
async function served(ctx: QemuBuildContext, path: string): Promise<string> {
  await startHttpServer().run(ctx, signal);
  try {
    const response = await fetch(`http://127.0.0.1:${ctx.state.http?.port}${path}`);
    return await response.text();
  } finally {
    await ctx.state.http?.close();
  }
}

describe('SSHPublicKey', () => {
  it('is a fresh temporary key, rendered into http_content', async () => {
    const ctx = await stepContext(tmp, {
      temporary_key_pair_type: 'ed25519',
      vm_name: 'box',
      http_content: { '/user-data': 'ssh_authorized_keys: ["{{ .SSHPublicKey }}"] # {{ .Name }}' },
    });
    await generateSshKey().run(ctx, signal);
    const key = ctx.state.sshKey;
    expect(key?.publicKey).toMatch(/^ssh-ed25519 \S+ kiln_[0-9a-f-]{36}$/);
    expect(ctx.ui.lines).toContain('==> Creating temporary ED25519 SSH key for instance...');
    expect(await served(ctx, '/user-data')).toBe(`ssh_authorized_keys: ["${key?.publicKey}"] # box`);
    // The communicator logs in with the generated key.
    expect(sshOptionsFromConfig(ctx.config, {}, key?.privateKey).privateKey).toBe(key?.privateKey);
  });

  it('is the public half of ssh_private_key_file, and nothing is generated', async () => {
    const keyFile = join(tmp.dir(), 'id_test');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', keyFile]);
    const ctx = await stepContext(tmp, { ssh_private_key_file: keyFile });
    await generateSshKey().run(ctx, signal);
    // `ssh-keygen -y` may append the key's comment; the key itself is the first two fields.
    const expected = execFileSync('ssh-keygen', ['-y', '-f', keyFile], { encoding: 'utf8' })
      .split(' ')
      .slice(0, 2)
      .join(' ');
    expect(ctx.state.sshKey).toEqual({ publicKey: expected });
    expect(sshOptionsFromConfig(ctx.config, {}).privateKeyPath).toBe(keyFile);
  });

  it('is empty with a password login, which generates no key', async () => {
    const ctx = await stepContext(tmp, {
      ssh_password: 'secret',
      http_content: { '/k': '[{{ .SSHPublicKey }}]' },
    });
    await generateSshKey().run(ctx, signal);
    expect(ctx.state.sshKey).toBeUndefined();
    expect(await served(ctx, '/k')).toBe('[]');
  });
});

describe('sshOptionsFromConfig', () => {
  it('carries every ssh_* option to the communicator, the agent from SSH_AUTH_SOCK', async () => {
    const ctx = await stepContext(tmp, {
      ssh_password: 'pw',
      ssh_agent_auth: true,
      ssh_pty: true,
      ssh_keep_alive_interval: '-1s',
      ssh_read_write_timeout: '30s',
      ssh_disable_agent_forwarding: true,
      ssh_file_transfer_method: 'sftp',
      ssh_ciphers: ['aes128-ctr'],
      ssh_key_exchange_algorithms: ['ecdh-sha2-nistp256'],
      ssh_timeout: '7m',
      ssh_handshake_attempts: 3,
      ssh_bastion_host: 'jump',
      ssh_bastion_username: 'hop',
      ssh_bastion_password: 'bpw',
    });
    expect(sshOptionsFromConfig(ctx.config, { SSH_AUTH_SOCK: '/run/agent.sock' })).toEqual({
      username: 'root',
      password: 'pw',
      agentAuth: true,
      agentSocket: '/run/agent.sock',
      disableAgentForwarding: true,
      keepAliveIntervalMs: -1000,
      ciphers: ['aes128-ctr'],
      keyExchangeAlgorithms: ['ecdh-sha2-nistp256'],
      bastion: {
        host: 'jump',
        port: 22,
        username: 'hop',
        password: 'bpw',
        agentAuth: false,
        agentSocket: '/run/agent.sock',
        disableAgentForwarding: true,
      },
      timeoutMs: 7 * 60_000,
      handshakeAttempts: 3,
      session: { pty: true, fileTransferMethod: 'sftp', readWriteTimeoutMs: 30_000 },
    });
  });
});
