// The QEMU build's guest steps against a real sshd (the "guest"), with a fake QEMU: connect-ssh, provision,
// and shutdown-vm's shutdown_command.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectSsh } from '../../src/builders/qemu/steps/connect-ssh.js';
import { provision } from '../../src/builders/qemu/steps/provision.js';
import { shutdownVm } from '../../src/builders/qemu/steps/shutdown-vm.js';
import { monitorVm } from '../../src/builders/qemu/vm-monitor.js';
import type { SshCommunicator } from '../../src/communicators/ssh-communicator.js';
import type { Outcome } from '../../src/core/runner.js';
import { findFreePort } from '../../src/net/ports.js';
import type { RunnableProvisioner } from '../../src/plugins/plugin.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { runProvisioner } from '../../src/registry/run-provisioner.js';
import { loadTemplate, renderRuntime } from '../../src/template/index.js';
import { FakeQmp, FakeVm } from './fake-qemu-driver.js';
import { aborted, type StepHarness, useStepHarness } from './qemu-step-harness.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';
import { QEMU } from './template-fixture.js';

const harness = useStepHarness();
const never = new AbortController().signal;
let sshd: SshdFixture;
let keyDir: string;
let keyFile: string;

beforeAll(async () => {
  sshd = await startSshd();
  keyDir = await mkdtemp(join(tmpdir(), 'kiln-key-'));
  keyFile = join(keyDir, 'id_ed25519');
  await writeFile(keyFile, sshd.ed25519Key, { mode: 0o600 });
});
afterAll(async () => {
  await sshd?.stop();
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
});

/** A harness whose VM (fake QEMU, real monitor) runs and whose SSH forward points at the sshd fixture. */
function guest(config: Record<string, unknown> = {}, provisioners: RunnableProvisioner[] = []) {
  const h = harness({
    config: { ssh_private_key_file: keyFile, ssh_timeout: '10s', ...config },
    provisioners,
  });
  const vm = new FakeVm(1234, []);
  const qmp = new FakeQmp();
  Object.assign(h.ctx.state, {
    vm,
    qmp,
    monitor: monitorVm({ vm, qmp, accelerator: 'tcg' }),
    sshHostPort: sshd.port,
  });
  return { ...h, vm, qmp };
}

async function connected(h: StepHarness): Promise<SshCommunicator> {
  await connectSsh().run(h.ctx, never);
  return h.ctx.state.communicator as SshCommunicator;
}

describe('connect-ssh', () => {
  it.each<Outcome>(['success', 'failed', 'cancelled'])(
    'logs in and records the connection; cleanup (%s) closes it',
    async (outcome) => {
      const h = guest();
      const step = connectSsh();
      await step.run(h.ctx, never);
      const communicator = h.ctx.state.communicator as SshCommunicator;
      expect((await communicator.run('echo up', { signal: never })).exitCode).toBe(0);
      expect(h.ui.text()).toMatch(/Connected to SSH after/);
      await step.cleanup?.(h.ctx, { outcome, signal: never });
      await expect(communicator.run('true', { signal: never })).rejects.toMatchObject({ code: 'ssh-closed' });
    },
  );

  it('fails within a second when the VM dies while it waits, saying why', async () => {
    const h = guest();
    h.ctx.state.sshHostPort = await findFreePort('127.0.0.1', { min: 40000, max: 50000 });
    const waiting = connectSsh().run(h.ctx, never);
    setTimeout(() => h.vm.exit(1, 'kernel panic'), 100);
    const started = Date.now();
    await expect(waiting).rejects.toMatchObject({ code: 'vm-dead' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(h.ctx.state.communicator).toBeUndefined();
  });

  it('records nothing when cancelled', async () => {
    const h = guest();
    await expect(connectSsh().run(h.ctx, aborted())).rejects.toThrow();
    expect(h.ctx.state.communicator).toBeUndefined();
  });
});

/** Real provisioners, resolved from a template as the build gets them. */
async function provisionersOf(
  dir: string,
  list: Record<string, unknown>[],
  errorCleanup?: Record<string, unknown>,
) {
  const file = join(dir, 'provisioners.json');
  await writeFile(
    file,
    JSON.stringify({
      builders: [QEMU],
      provisioners: list,
      ...(errorCleanup ? { 'error-cleanup-provisioner': errorCleanup } : {}),
    }),
  );
  const [build] = resolveBuilds(await loadTemplate(file, { cwd: dir }));
  if (!build) throw new Error('no build');
  // Bound to the registry's runner, as the build hands them to the builder.
  const runnable = (p: (typeof build.provisioners)[number]): RunnableProvisioner => ({
    ...p,
    run: (ctx) => runProvisioner(p, ctx),
  });
  return {
    provisioners: build.provisioners.map(runnable),
    errorCleanupProvisioner: build.errorCleanupProvisioner && runnable(build.errorCleanupProvisioner),
  };
}

describe('provision', () => {
  it('runs every provisioner that applies, in order, over the connection', async () => {
    const { dir } = harness();
    const marker = join(dir, 'order');
    const build = await provisionersOf(dir, [
      { type: 'shell', inline: [`echo one >> ${marker}`] },
      { type: 'shell', inline: [`echo skipped >> ${marker}`], except: ['qemu'] },
      { type: 'shell', inline: [`echo two >> ${marker}`] },
    ]);
    const h = guest({}, [...build.provisioners]);
    const communicator = await connected(h);
    try {
      await provision().run(h.ctx, never);
      let out = '';
      await communicator.run(`cat ${marker}`, { signal: never, onStdout: (text) => (out += text) });
      expect(out).toBe('one\ntwo\n');
    } finally {
      await communicator.close();
    }
  });

  it('renders inline lines again with the build data, as Packer does ({{ build "Host" }}, HCL2 build.Port)', async () => {
    const { dir } = harness();
    const marker = join(dir, 'data');
    const local = join(dir, 'local');
    const build = await provisionersOf(dir, [
      { type: 'shell', inline: [`echo '{{ build \`Host\` }}:{{ .Port }} {{ build \`User\` }}' > ${marker}`] },
      { type: 'shell-local', inline: [`echo '{{ build \`PackerRunUUID\` }} {{ .ConnType }}' > ${local}`] },
    ]);
    const h = guest({}, [...build.provisioners]);
    const template = await loadTemplate(join(dir, 'provisioners.json'), { cwd: dir });
    Object.assign(h.ctx, {
      render: (text: string, data: Readonly<Record<string, string | number>>) =>
        renderRuntime(text, data, { template }),
    });
    const communicator = await connected(h);
    try {
      await provision().run(h.ctx, never);
      let out = '';
      await communicator.run(`cat ${marker}`, { signal: never, onStdout: (text) => (out += text) });
      expect(out).toBe(`127.0.0.1:${sshd.port} root\n`);
      expect(readFileSync(local, 'utf8')).toBe('test-run-uuid ssh\n');
    } finally {
      await communicator.close();
    }
  });

  it('runs the error-cleanup-provisioner when one fails, then fails', async () => {
    const { dir } = harness();
    const cleaned = join(dir, 'cleaned');
    const build = await provisionersOf(dir, [{ type: 'shell', inline: ['exit 3'] }], {
      type: 'shell-local',
      inline: [`touch ${cleaned}`],
    });
    const h = guest({}, [...build.provisioners]);
    Object.assign(h.ctx, { errorCleanupProvisioner: build.errorCleanupProvisioner });
    const communicator = await connected(h);
    try {
      await expect(provision().run(h.ctx, never)).rejects.toThrow(/non-zero exit status: 3/);
      expect(existsSync(cleaned)).toBe(true);
    } finally {
      await communicator.close();
    }
  });

  it('skips the error-cleanup-provisioner when the build is cancelled', async () => {
    const { dir } = harness();
    const cleaned = join(dir, 'cleaned');
    const build = await provisionersOf(dir, [{ type: 'shell', inline: ['sleep 30'] }], {
      type: 'shell-local',
      inline: [`touch ${cleaned}`],
    });
    const h = guest({}, [...build.provisioners]);
    Object.assign(h.ctx, { errorCleanupProvisioner: build.errorCleanupProvisioner });
    const communicator = await connected(h);
    try {
      const controller = new AbortController();
      const running = provision().run(h.ctx, controller.signal);
      setTimeout(() => controller.abort(), 300);
      await expect(running).rejects.toThrow();
      expect(existsSync(cleaned)).toBe(false);
    } finally {
      await communicator.close();
    }
  });
});

describe('provision while QEMU dies', () => {
  it('says the VM died, with how QEMU ended, not that the script disconnected', async () => {
    const { dir } = harness();
    const build = await provisionersOf(dir, [{ type: 'shell', inline: ['sleep 30'] }]);
    const h = guest({}, [...build.provisioners]);
    const communicator = await connected(h);
    try {
      setTimeout(() => h.vm.kill('SIGKILL'), 300);
      const started = Date.now();
      const error = await provision()
        .run(h.ctx, never)
        .catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toMatchObject({ code: 'vm-dead' });
      expect((error as Error).message).toMatch(/^the VM stopped: QEMU was killed by SIGKILL/);
      expect((error as Error).message).not.toMatch(/disconnected|expect_disconnect/);
    } finally {
      await communicator.close();
    }
  });
});

describe('shutdown-vm with shutdown_command', () => {
  it('runs shutdown_command over SSH, then waits for QEMU to exit', async () => {
    const { dir } = harness();
    const flag = join(dir, 'halted');
    const h = guest({ shutdown_command: `touch ${flag}` });
    const communicator = await connected(h);
    try {
      const poll = setInterval(() => existsSync(flag) && h.vm.exit(0), 20);
      await shutdownVm()
        .run(h.ctx, never)
        .finally(() => clearInterval(poll));
      expect(h.qmp.commands).toEqual([]);
      expect(h.ui.text()).toContain('Gracefully halting the virtual machine with shutdown_command');
    } finally {
      await communicator.close();
    }
  });

  it('a shutdown_command that never returns is bounded by shutdown_timeout', async () => {
    const h = guest({ shutdown_command: 'sleep 30', shutdown_timeout: '500ms' });
    const communicator = await connected(h);
    try {
      await vi.waitFor(() => expect(h.ctx.state.communicator).toBeDefined());
      await expect(shutdownVm().run(h.ctx, never)).rejects.toMatchObject({ code: 'shutdown-timeout' });
    } finally {
      await communicator.close();
    }
  });
});
