// A Kiln killed with SIGKILL runs no cleanup: the next run finds its run record in output_directory, ends its
// QEMU (only if that PID still is that QEMU), deletes its work directory and partial files and restores the
// output -force had moved aside; a live owner or a VM kept by -on-error=abort is reported instead.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunRecord, writeRunRecord } from '../../src/builders/qemu/run-record.js';
import { prepareOutputDir } from '../../src/builders/qemu/steps/prepare-output-dir.js';
import { identify } from '../../src/process/proc-identity.js';
import { runAndCleanUp, useStepHarness } from './qemu-step-harness.js';

const harness = useStepHarness();
const never = new AbortController().signal;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A long-running process whose command line holds `marker`, standing in for the dead run's QEMU. */
function fakeQemu(marker: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** This process, but with another start time: a Kiln that died and whose PID now belongs to someone else. */
const deadKiln = { pid: process.pid, started: 'long ago' };

async function deadRun(output: string, record: Partial<RunRecord> = {}) {
  const workDir = await mkdtemp(join(tmpdir(), 'kiln-'));
  await writeFile(join(workDir, 'serial.log'), 'boot');
  await mkdir(output, { recursive: true });
  await writeFile(join(output, 'packer-qemu.kiln-partial'), 'half a disk');
  const marker = join(workDir, 'qmp.sock');
  const qemu = fakeQemu(marker);
  await writeRunRecord(output, {
    kiln: deadKiln,
    workDir,
    qemu: { pid: qemu.pid as number, marker },
    ...record,
  });
  return { workDir, qemu };
}

function gone(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(true);
    child.once('exit', () => resolve(true));
    setTimeout(() => resolve(false), 8_000);
  });
}

describe('a run that finds what a killed Kiln left', () => {
  it('ends its QEMU, deletes its work directory and partial files, and builds', async () => {
    const h = harness();
    const output = join(h.dir, 'output');
    const { workDir, qemu } = await deadRun(output);
    await prepareOutputDir().run(h.ctx, never);
    expect(await gone(qemu)).toBe(true);
    expect(existsSync(workDir)).toBe(false);
    expect(await readdir(output)).toEqual(['.kiln-run.json']);
    const text = h.ui.text();
    expect(text).toContain(`Clearing what an earlier Kiln (pid ${process.pid}) left in ${output}`);
    expect(text).toContain(`Stopping its QEMU (pid ${qemu.pid})`);
    expect(text).toContain(`Deleting its work directory ${workDir}`);
    expect(text).toContain('Deleted its partial files: packer-qemu.kiln-partial');
  });

  it('puts back the output that -force had moved aside', async () => {
    const h = harness();
    const output = join(h.dir, 'output');
    const previous = `${output}.kiln-previous-1`;
    await mkdir(previous);
    await writeFile(join(previous, 'good.qcow2'), 'last good image');
    await deadRun(output, { previousOutput: previous });
    // Without -force the restored output stops the build, as any existing output does.
    const error = await runAndCleanUp(prepareOutputDir(), h.ctx, 'failed');
    expect(error).toMatchObject({ code: 'output-exists' });
    expect(await readdir(output)).toEqual(['good.qcow2']);
    expect(existsSync(previous)).toBe(false);
    expect(h.ui.text()).toContain(`Restored the previous output directory from ${previous}`);
  });

  it('leaves alone a PID that is no longer its QEMU', async () => {
    const h = harness();
    const output = join(h.dir, 'output');
    const other = fakeQemu('something-else');
    await deadRun(output, { qemu: { pid: other.pid as number, marker: '/tmp/kiln-gone/qmp.sock' } });
    await prepareOutputDir().run(h.ctx, never);
    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
    expect(h.ui.text()).not.toContain('Stopping its QEMU');
  });

  it('refuses an output directory a live Kiln is building into', async () => {
    const h = harness({ force: true });
    const output = join(h.dir, 'output');
    await mkdir(output);
    await writeRunRecord(output, { kiln: identify(process.pid) });
    const error = await runAndCleanUp(prepareOutputDir(), h.ctx, 'failed');
    expect(error).toMatchObject({ code: 'output-in-use' });
    expect((error as Error).message).toContain(`is in use by another Kiln build (pid ${process.pid})`);
    expect(await readdir(output)).toEqual(['.kiln-run.json']);
  });

  it('reports a VM kept by -on-error=abort instead of ending it; -force replaces it', async () => {
    const h = harness();
    const output = join(h.dir, 'output');
    const { qemu } = await deadRun(output, { kept: true });
    const error = await runAndCleanUp(prepareOutputDir(), h.ctx, 'failed');
    expect((error as Error).message).toContain(
      `holds what -on-error=abort kept of a build; its QEMU (pid ${qemu.pid}) still runs`,
    );
    expect(qemu.exitCode).toBeNull();
    const forced = harness({ force: true, config: { output_directory: output } });
    await prepareOutputDir().run(forced.ctx, never);
    expect(await gone(qemu)).toBe(true);
  });
});
