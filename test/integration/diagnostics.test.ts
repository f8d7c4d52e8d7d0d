// A build that fails with the VM up (the boot command never starts the install, so SSH never comes) leaves a
// screenshot, the serial log and the debug-log tail, names them in its error (and in machine-readable
// records), and no secret reaches any of them, their names, or the full debug log.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMachineOutput } from '../../src/ui/machine-readable.js';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso } from './helpers/testos.js';
import { writeVariant } from './helpers/variant.js';

const SECRET = 'tr0mbone-sky'; // templates/testos.json's sensitive ssh_password

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-diag-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A build stuck at the installer's boot menu; the secret also rides on QEMU's command line (fw_cfg). */
function stuckAtBootMenu(name: string, out: string): Promise<string> {
  return writeVariant(dir, name, (builder) => {
    builder.boot_command = [];
    builder.ssh_timeout = '15s';
    builder.output_directory = out;
    builder.qemuargs = [['-fw_cfg', 'name=opt/kiln/pw,string={{user `ssh_password`}}']];
  });
}

async function expectValidScreenshot(path: string): Promise<void> {
  const { stdout } = await execa('file', ['-b', path]);
  const match = /^PNG image data, (\d+) x (\d+), 8-bit\/color RGB/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  const [width, height] = [Number(match?.[1]), Number(match?.[2])];
  expect(width).toBeGreaterThanOrEqual(640);
  expect(width).toBeLessThanOrEqual(2048);
  expect(height).toBeGreaterThanOrEqual(350);
  expect(height).toBeLessThanOrEqual(1600);
  expect(statSync(path).size).toBeGreaterThan(1_000); // the boot menu, not a blank screen
}

function expectNoSecretIn(paths: readonly string[]): void {
  for (const path of paths) {
    expect(path).not.toContain(SECRET);
    expect(readFileSync(path, 'latin1'), path).not.toContain(SECRET);
  }
}

describe('diagnostics after a failure with the VM up', () => {
  it('saves screen, serial log and debug-log tail beside the output directory and names them', async () => {
    const out = join(dir, 'out-human');
    const fullLog = join(dir, 'full-human.log');
    const path = await stuckAtBootMenu('human', out);
    const run = await runKiln(['build', path], { env: { KILN_LOG: '1', KILN_LOG_PATH: fullLog } });
    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/timed out after 15s waiting for SSH/);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    const saved = readdirSync(dir).filter((f) => f.startsWith('kiln-failure-'));
    expect(saved.map((f) => f.replace(/^kiln-failure-qemu-\d{8}T\d{6}Z-/, '')).sort()).toEqual([
      'debug.log',
      'screen.png',
      'serial.log',
    ]);
    for (const file of saved) expect(run.output).toContain(join(dir, file));
    const byKind = (suffix: string) => join(dir, saved.find((f) => f.endsWith(suffix)) as string);
    await expectValidScreenshot(byKind('screen.png'));
    expect(readFileSync(byKind('serial.log'), 'utf8')).toContain('ISOLINUX');
    const tail = readFileSync(byKind('debug.log'), 'utf8').trimEnd().split('\n');
    expect(tail.length).toBeLessThanOrEqual(200);
    expect(tail.at(-2)).toMatch(/\[ERROR\] qemu: build failed in step 'connect-ssh': timed out/);
    const full = readFileSync(fullLog, 'utf8');
    expect(full).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[DEBUG\] qemu: qemu-system: running: qemu-system-x86_64 /m,
    );
    expect(full).toContain('-fw_cfg name=opt/kiln/pw,string=<sensitive>');
    expect(full).toMatch(/qemu-img: running: qemu-img create -f qcow2/);
    expect(full).toMatch(/qmp: -> \{"execute":"screendump"/);
    expect(full).toMatch(/ssh: attempt 1: connecting to root@127\.0\.0\.1:\d+ \(password\)/);
    expect(run.output).not.toContain(SECRET);
    expectNoSecretIn([...saved.map((f) => join(dir, f)), fullLog]);
  });

  it('under -machine-readable, in -diagnostics DIR, as diagnostic records', async () => {
    const out = join(dir, 'out-machine');
    const diagnostics = join(dir, 'diagnostics-here');
    const path = await stuckAtBootMenu('machine', out);
    const run = await runKiln(['build', '-machine-readable', '-diagnostics', diagnostics, path]);
    expect(run.exitCode, run.output).toBe(1);
    const records = parseMachineOutput(run.output).filter((r) => r.type === 'diagnostic');
    expect(records.map((r) => [r.target, r.data[0]])).toEqual([
      ['qemu', 'screenshot'],
      ['qemu', 'serial-log'],
      ['qemu', 'debug-log'],
    ]);
    const paths = records.map((r) => r.data[1] as string);
    for (const file of paths) expect(file.startsWith(`${diagnostics}/kiln-failure-qemu-`)).toBe(true);
    expect(
      readdirSync(diagnostics)
        .map((f) => join(diagnostics, f))
        .sort(),
    ).toEqual([...paths].sort());
    await expectValidScreenshot(paths[0] as string);
    expect(run.output).not.toContain(SECRET);
    expectNoSecretIn(paths);
  });
});
