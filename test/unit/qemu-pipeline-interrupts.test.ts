// SIGINT and SIGTERM (and SIGHUP) at every step of the QEMU build, through the signal handling `kiln build`
// installs and the real step list, with a fake QEMU (and a real sshd as the guest): each ends cancelled with
// the signal named, and leaves no QEMU, swtpm, open port, work directory, output directory or partial file.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import { qemuSteps } from '../../src/builders/qemu/pipeline.js';
import { cancelOnInterruption } from '../../src/cli/interruptions.js';
import { isCancelled } from '../../src/core/errors.js';
import { runSteps } from '../../src/core/runner.js';
import { canListen } from '../../src/net/ports.js';
import type { RunnableProvisioner } from '../../src/plugins/plugin.js';
import { type StepHarness, useStepHarness } from './qemu-step-harness.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

const harness = useStepHarness();
let sshd: SshdFixture;
let keyDir: string;
let keyFile: string;
let iso: string;

beforeAll(async () => {
  sshd = await startSshd();
  keyDir = await mkdtemp(join(tmpdir(), 'kiln-key-'));
  keyFile = join(keyDir, 'id_ed25519');
  await writeFile(keyFile, sshd.ed25519Key, { mode: 0o600 });
  iso = join(keyDir, 'installer.iso');
  await writeFile(iso, 'iso');
});
afterAll(async () => {
  await sshd?.stop();
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
});

/** A provisioner that runs one command in the guest, as the shell provisioner would. */
const provisioner: RunnableProvisioner = {
  type: 'shell',
  config: {},
  only: [],
  except: [],
  applies: true,
  pauseBeforeMs: 0,
  maxRetries: 0,
  timeoutMs: 0,
  path: 'provisioners[0]',
  run: async (ctx) => {
    await ctx.communicator.run('true', { signal: ctx.signal });
  },
};

const BUILDS = {
  // Every device step: CD, floppy, TPM; no SSH (the guest powers itself off).
  devices: () => ({
    communicator: 'none',
    cd_content: { 'meta-data': 'x' },
    floppy_content: { 'ks.cfg': 'x' },
    vtpm: true,
  }),
  // The SSH steps against the sshd fixture (skip_nat_mapping connects to ssh_port itself).
  ssh: () => ({ skip_nat_mapping: true, ssh_port: sshd.port, ssh_private_key_file: keyFile }),
} as const;

const COMMON_START = ['prepare-output-dir', 'acquire-iso', 'create-work-dir'];
const COMMON_END = ['shutdown-vm', 'compact-disk', 'rename-artifacts'];
const STEPS = {
  devices: [
    ...COMMON_START,
    ...['create-cd', 'create-floppy', 'create-disk', 'start-http-server', 'choose-accelerator'],
    ...['start-tpm', 'start-vm', 'type-boot-command'],
    ...COMMON_END,
  ],
  ssh: [
    ...COMMON_START,
    ...['create-disk', 'generate-ssh-key', 'start-http-server', 'choose-accelerator', 'start-vm'],
    ...['type-boot-command', 'connect-ssh', 'provision', 'clear-authorized-keys'],
    ...COMMON_END,
  ],
};

async function build(kind: keyof typeof BUILDS): Promise<StepHarness> {
  const h = harness({
    config: { ...BUILDS[kind](), iso_url: iso, boot_wait: '1ms' },
    provisioners: kind === 'ssh' ? [provisioner] : [],
  });
  return h;
}

/** Runs the whole pipeline; `signal` is raised as `at` starts. Without `at`, runs to success. */
async function runPipeline(h: StepHarness, at?: string, signal: NodeJS.Signals = 'SIGINT') {
  const controller = new AbortController();
  const stopListening = cancelOnInterruption(controller);
  const ctx: QemuBuildContext = h.ctx;
  const started: string[] = [];
  try {
    await runSteps(qemuSteps(ctx), ctx, {
      signal: controller.signal,
      onStepStart: (name) => {
        started.push(name);
        if (name === at) process.emit(signal, signal);
        // The guest powers off when asked (or by itself without a communicator), unless interrupted first.
        if (name === 'shutdown-vm' && at !== name) setTimeout(() => h.driver.vms[0]?.exit(0), 10);
      },
    });
    return { started, error: undefined };
  } catch (error) {
    return { started, error };
  } finally {
    stopListening();
  }
}

async function leftovers(h: StepHarness): Promise<string[]> {
  const found: string[] = [];
  const { workDir, http } = h.ctx.state;
  if (existsSync(join(h.dir, 'output'))) found.push('output directory');
  if (workDir && existsSync(workDir)) found.push(`work directory ${workDir}`);
  for (const name of await readdir(h.dir, { recursive: true }))
    if (String(name).endsWith('.kiln-partial')) found.push(String(name));
  for (const vm of h.driver.vms) if (!vm.hasExited()) found.push(`QEMU ${vm.pid}`);
  for (const tpm of h.driver.tpms) if (!tpm.stopped) found.push(`swtpm ${tpm.socket}`);
  if (http && !(await canListen('127.0.0.1', http.port))) found.push(`HTTP port ${http.port}`);
  if (h.ctx.state.qmp && !h.driver.qmps.every((qmp) => qmp.closed)) found.push('QMP connection');
  return found;
}

describe.each(Object.keys(BUILDS) as (keyof typeof BUILDS)[])('the %s build', (kind) => {
  it('runs to success with the fake QEMU (the steps the loop below interrupts)', async () => {
    const h = await build(kind);
    const { started, error } = await runPipeline(h);
    expect(error).toBeUndefined();
    expect(started).toEqual(STEPS[kind]);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s at every step cancels it and leaves nothing',
    async (signal) => {
      const steps = (await runPipeline(await build(kind))).started;
      for (const step of steps) {
        const h = await build(kind);
        const { started, error } = await runPipeline(h, step, signal);
        expect(started.at(-1), `${signal} at ${step}`).toBe(step);
        expect(isCancelled(error), `${signal} at ${step}: ${String(error)}`).toBe(true);
        expect(error, `${signal} at ${step}`).toMatchObject({
          message: `build cancelled: ${signal} received`,
          step,
        });
        expect(await leftovers(h), `${signal} at ${step}`).toEqual([]);
      }
    },
  );
});
