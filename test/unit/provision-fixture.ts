// Test fixture for provisioners: a real loopback sshd, a logged-in SSH communicator, a scratch directory and a
// ProvisionContext whose UI records what was said.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshCommunicator } from '../../src/communicators/ssh-communicator.js';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import type { Ui } from '../../src/core/ui.js';
import type { ProvisionContext } from '../../src/plugins/plugin.js';
import { loadTemplate, renderRuntime } from '../../src/template/index.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

export interface ProvisionFixture {
  sshd: SshdFixture;
  comm: SshCommunicator;
  /** Scratch directory, removed by stop(). */
  dir: string;
  /** Path of the ed25519 key the sshd accepts for root. */
  keyFile: string;
  context(overrides?: Partial<ProvisionContext>): ProvisionContext & { said: string[]; lines: string[] };
  stop(): Promise<void>;
}

export async function startProvisionFixture(): Promise<ProvisionFixture> {
  const sshd = await startSshd();
  const dir = mkdtempSync(join(tmpdir(), 'kiln-prov-'));
  const keyFile = join(dir, 'id_ed25519');
  writeFileSync(keyFile, sshd.ed25519Key, { mode: 0o600 });
  const signal = new AbortController().signal;
  const comm = await waitForSsh({
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    privateKey: sshd.ed25519Key,
    timeoutMs: 10_000,
    handshakeAttempts: 1,
    signal,
  });
  const templatePath = join(dir, 'template.json');
  writeFileSync(templatePath, '{"builders":[{"type":"null"}]}');
  const template = await loadTemplate(templatePath, { vars: [], varFiles: [], env: {} }).catch(
    () => undefined,
  );
  const context = (overrides: Partial<ProvisionContext> = {}) => {
    const said: string[] = [];
    const lines: string[] = [];
    const ui: Ui = {
      say: (m) => said.push(m),
      message: (line) => lines.push(line),
      error: (line) => lines.push(`error: ${line}`),
      progress: () => ({ update: () => {}, done: () => {} }),
    };
    return {
      communicator: comm,
      ui,
      render: (text: string, data: Readonly<Record<string, string | number>>) =>
        template ? renderRuntime(text, data, { template, buildName: 'test', buildType: 'qemu' }) : text,
      signal,
      buildName: 'test',
      builderType: 'qemu',
      httpAddr: undefined,
      sshTarget: {
        host: '127.0.0.1',
        port: sshd.port,
        username: 'root',
        password: undefined,
        privateKeyFile: keyFile,
        privateKey: undefined,
      },
      said,
      lines,
      ...overrides,
    };
  };
  return {
    sshd,
    comm,
    dir,
    keyFile,
    context,
    stop: async () => {
      await comm.close();
      await sshd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
