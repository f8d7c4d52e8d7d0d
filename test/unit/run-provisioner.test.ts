// runProvisioner's common options with real shell-local provisioners: max_retries, timeout, pause_before.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SshCommunicator } from '../../src/communicators/ssh-communicator.js';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { BufferUi } from '../../src/core/ui.js';
import type { ProvisionContext } from '../../src/plugins/plugin.js';
import type { AnyProvisioner } from '../../src/registry/registry.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { runProvisioner } from '../../src/registry/run-provisioner.js';
import { loadTemplate } from '../../src/template/index.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';
import { QEMU } from './template-fixture.js';

/** Fills `{{ .Key }}` from the run-time data, as the build's renderer does for execute_command. */
const fillIn = (text: string, data: Readonly<Record<string, string | number>>) =>
  text.replace(/\{\{ *\.(\w+) *\}\}/g, (_, key: string) => String(data[key] ?? ''));

let sshd: SshdFixture;
let communicator: SshCommunicator;
let dir: string;
let ui: BufferUi;

beforeAll(async () => {
  sshd = await startSshd();
  communicator = await waitForSsh({
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    privateKey: sshd.ed25519Key,
    timeoutMs: 10_000,
    handshakeAttempts: 1,
    signal: new AbortController().signal,
  });
});
afterAll(async () => {
  await communicator?.close();
  await sshd?.stop();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-provisioner-'));
  ui = new BufferUi();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function provisioner(options: Record<string, unknown>): Promise<AnyProvisioner> {
  const file = join(dir, 'template.json');
  await writeFile(file, JSON.stringify({ builders: [QEMU], provisioners: [options] }));
  const [build] = resolveBuilds(await loadTemplate(file, { cwd: dir }));
  const [resolved] = build?.provisioners ?? [];
  if (!resolved) throw new Error('no provisioner');
  return resolved;
}

function context(signal = new AbortController().signal): ProvisionContext {
  return {
    communicator,
    ui,
    render: fillIn,
    signal,
    buildName: 'qemu',
    builderType: 'qemu',
    httpAddr: undefined,
  };
}

/** A shell-local script that fails until it has run `failures` times, counting its runs in a file. */
function flaky(failures: number): string[] {
  const count = join(dir, 'count');
  return [`n=$(cat ${count} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${count}; [ $n -gt ${failures} ]`];
}

const runs = async () => Number((await readFile(join(dir, 'count'), 'utf8')).trim());

describe('runProvisioner', () => {
  it('retries a failing provisioner up to max_retries times', async () => {
    const p = await provisioner({ type: 'shell-local', inline: flaky(2), max_retries: 2 });
    await runProvisioner(p, context());
    expect(await runs()).toBe(3);
    expect(ui.text()).toContain('retrying (2/2)');
  });

  it('fails with the last error once the retries are spent', async () => {
    const p = await provisioner({ type: 'shell-local', inline: flaky(5), max_retries: 1 });
    await expect(runProvisioner(p, context())).rejects.toThrow(/non-zero exit status: 1/);
    expect(await runs()).toBe(2);
  });

  it('does not retry without max_retries', async () => {
    const p = await provisioner({ type: 'shell-local', inline: flaky(1) });
    await expect(runProvisioner(p, context())).rejects.toThrow();
    expect(await runs()).toBe(1);
  });

  it('stops a provisioner that outlives timeout, with a timeout error', async () => {
    const p = await provisioner({ type: 'shell-local', inline: ['sleep 30'], timeout: '300ms' });
    const started = Date.now();
    await expect(runProvisioner(p, context())).rejects.toMatchObject({ code: 'provisioner-timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('waits pause_before before it starts, and says so', async () => {
    const marker = join(dir, 'ran');
    const p = await provisioner({ type: 'shell-local', inline: [`touch ${marker}`], pause_before: '400ms' });
    const started = Date.now();
    await runProvisioner(p, context());
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(ui.text()).toContain('Pausing 400ms before the next provisioner');
    expect(existsSync(marker)).toBe(true);
  });

  it('a cancelled build ends pause_before at once and never runs the provisioner', async () => {
    const marker = join(dir, 'ran');
    const p = await provisioner({ type: 'shell-local', inline: [`touch ${marker}`], pause_before: '1h' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(runProvisioner(p, context(controller.signal))).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(marker)).toBe(false);
  });

  it('a cancelled build is not retried', async () => {
    const p = await provisioner({ type: 'shell-local', inline: ['sleep 30'], max_retries: 3 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(runProvisioner(p, context(controller.signal))).rejects.toThrow();
    expect(ui.text()).not.toContain('retrying');
  });
});
