// Kills from outside, with real QEMU. kill -9 of Kiln while its VM runs: QEMU (started through setpriv
// --pdeathsig) dies with it, its ports close, and the next run finds the run record, deletes the dead run's work
// directory and partial disk, and says so. A VM kept by -on-error=abort is reported, and ended only with -force.
// kill -9 of QEMU during a provisioner: the build says the VM died, not that the script disconnected.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso, REPO_ROOT } from './helpers/testos.js';
import { writeVariant } from './helpers/variant.js';

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-kill9-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  output: string;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs `kiln ARGS`; the first time its output matches `when`, `act` runs. Resolves when Kiln has exited. */
function runActing(
  args: string[],
  when: RegExp,
  act: (kiln: ChildProcess, output: string) => void,
): Promise<Run> {
  const child = spawn('node', [join(REPO_ROOT, 'bin/kiln.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let acted = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (!acted && when.test(output)) {
      acted = true;
      act(child, output);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiln did not finish (acted: ${acted}):\n${output}`));
    }, 400_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ output, pid: child.pid as number, code, signal });
    });
  });
}

/** Once the guest has fetched its install config, SIGKILLs Kiln. */
async function buildAndKill(args: string[]): Promise<{ output: string; kilnPid: number }> {
  const run = await runActing(args, /HTTP GET \/install\.cfg -> 200/, (kiln) => kiln.kill('SIGKILL'));
  if (run.signal !== 'SIGKILL') throw new Error(`kiln ended by itself:\n${run.output}`);
  return { output: run.output, kilnPid: run.pid };
}

/** Alive and not a zombie (a QEMU whose Kiln is gone is reaped by whoever inherits it, maybe never). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function waitUntil(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; ) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe('kill -9 of Kiln while the VM runs', () => {
  it('takes QEMU and its ports down at once; the next run clears the rest and says so', async () => {
    const out = join(dir, 'out');
    const { output, kilnPid } = await buildAndKill([
      'build',
      '-var',
      `output_directory=${out}`,
      'templates/testos.json',
    ]);
    const qemuPid = Number(/QEMU pid (\d+)/.exec(output)?.[1]);
    expect(qemuPid).toBeGreaterThan(0);
    // QEMU, the VNC and SSH forward ports and the HTTP server: gone within a few seconds.
    expect(await waitUntil(async () => (await expectNothingLeftBehind(output)).length === 0, 5_000)).toBe(
      true,
    );

    // What no cleanup removed: the run record, the partial disk, the work directory.
    const record = JSON.parse(readFileSync(join(out, '.kiln-run.json'), 'utf8')) as {
      kiln: { pid: number };
      workDir: string;
      qemu: { pid: number };
    };
    expect(record.kiln.pid).toBe(kilnPid);
    expect(record.qemu.pid).toBe(qemuPid);
    expect(existsSync(record.workDir)).toBe(true);
    expect(await readdir(out)).toContain('kiln-testos.qcow2.kiln-partial');

    // The next run (one that fails at its ISO checksum, so it stops right after clearing) finds and clears them.
    const rerun = await runKiln([
      'build',
      '-var',
      `output_directory=${out}`,
      '-var',
      `iso_checksum=sha256:${'0'.repeat(64)}`,
      'templates/testos.json',
    ]);
    expect(rerun.exitCode).toBe(1);
    expect(rerun.output).toContain(`Clearing what an earlier Kiln (pid ${kilnPid}) left in ${out}`);
    expect(rerun.output).toContain(`Deleting its work directory ${record.workDir}`);
    expect(rerun.output).toContain('Deleted its partial files: kiln-testos.qcow2.kiln-partial');
    expect(rerun.output).not.toContain('Stopping its QEMU');
    expect(rerun.output).toMatch(/checksum mismatch/i);
    expect(existsSync(record.workDir)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('a VM kept by -on-error=abort is reported by the next run, and ended by PID only with -force', async () => {
    const out = join(dir, 'out-abort');
    const path = await writeVariant(dir, 'abort', (builder) => {
      builder.boot_command = [];
      builder.ssh_timeout = '5s';
      builder.output_directory = out;
    });
    const kept = await runKiln(['build', '-on-error=abort', path]);
    expect(kept.exitCode).toBe(1);
    const qemuPid = Number(/QEMU \(pid (\d+)\) is still running/.exec(kept.output)?.[1]);
    expect(isRunning(qemuPid)).toBe(true);
    try {
      const wrongIso = ['-var', `iso_checksum=sha256:${'0'.repeat(64)}`];
      const refused = await runKiln(['build', ...wrongIso, path]);
      expect(refused.exitCode).toBe(1);
      expect(refused.output).toContain(
        `holds what -on-error=abort kept of a build; its QEMU (pid ${qemuPid}) still runs`,
      );
      expect(isRunning(qemuPid)).toBe(true);

      const forced = await runKiln(['build', '-force', ...wrongIso, path]);
      expect(forced.output).toContain(`Stopping its QEMU (pid ${qemuPid})`);
      expect(forced.output).toMatch(/checksum mismatch/i);
      expect(await waitUntil(() => !isRunning(qemuPid), 5_000)).toBe(true);
      expect(await expectNothingLeftBehind(kept.output)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    } finally {
      if (isRunning(qemuPid)) process.kill(qemuPid, 'SIGKILL');
    }
  });

  it('QEMU killed during a provisioner: the build says the VM died, with the signal, and leaves nothing', async () => {
    const out = join(dir, 'out-provision');
    const path = await writeVariant(dir, 'provision', (builder, template) => {
      builder.output_directory = out;
      template.provisioners = [{ type: 'shell', inline: ['sleep 300'] }];
      delete template['post-processors'];
    });
    const run = await runActing(['build', path], /Provisioning with shell script/, (_kiln, output) => {
      const qemuPid = Number(/QEMU pid (\d+)/.exec(output)?.[1]);
      setTimeout(() => process.kill(qemuPid, 'SIGKILL'), 1_000);
    });
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain('[provision] the VM stopped: QEMU was killed by SIGKILL');
    expect(run.output).not.toMatch(/disconnected unexpectedly|expect_disconnect/);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    expect(existsSync(out)).toBe(false);
    // The work directory, as QEMU's command line names it (its monitor socket).
    const workDir = /(\/[^\s,]*\/kiln-[^/\s,]+)\/qmp\.sock/.exec(run.output)?.[1];
    expect(workDir).toBeDefined();
    expect(existsSync(workDir as string)).toBe(false);
  });
});
