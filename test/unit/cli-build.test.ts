// `kiln build` through the real CLI on failures that stop before QEMU starts: several builds, -only,
// -parallel-builds and -machine-readable, without booting anything.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMachineOutput } from '../../src/ui/machine-readable.js';

const KILN = resolve(import.meta.dirname, '../../bin/kiln.js');
let dir: string;
let template: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-cli-build-'));
  await writeFile(join(dir, 'tiny.iso'), 'not really an ISO');
  const builder = (name: string) => ({
    type: 'qemu',
    name,
    iso_url: 'tiny.iso',
    iso_checksum: `sha256:${'0'.repeat(64)}`,
    ssh_username: 'root',
    output_directory: `out-${name}`,
  });
  template = join(dir, 'two.json');
  await writeFile(template, JSON.stringify({ builders: [builder('alpha'), builder('beta')] }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function kiln(...args: string[]) {
  const result = await execa('node', [KILN, ...args], {
    cwd: dir,
    reject: false,
    all: true,
    env: { CI: 'true' },
  });
  return { exitCode: result.exitCode, output: String(result.all) };
}

describe('kiln build with several builders', () => {
  it('runs every build, names each in its lines, and reports each failure', async () => {
    const run = await kiln('build', '-parallel-builds=2', 'two.json');
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/ {4}alpha: .*checksum mismatch/);
    expect(run.output).toMatch(/ {4}beta: .*checksum mismatch/);
    expect(run.output).toContain("Build 'alpha' errored");
    expect(run.output).toContain("Build 'beta' errored");
    expect(run.output).toContain('--> alpha: ');
    expect(run.output).toContain('--> beta: ');
  });

  it('-only runs the chosen build and says which it skipped', async () => {
    const run = await kiln('build', '-only=al*', 'two.json');
    expect(run.output).toContain("Skipping build 'beta' (qemu)");
    expect(run.output).not.toMatch(/==> beta: Retrieving/);
    expect(run.output).toMatch(/==> alpha: Retrieving/);
  });

  it('-machine-readable prints only records that parse, with artifact counts per build', async () => {
    const run = await kiln('build', '-machine-readable', 'two.json');
    expect(run.exitCode).toBe(1);
    const records = parseMachineOutput(run.output);
    expect(records.length).toBeGreaterThan(5);
    expect(records.filter((r) => r.type === 'artifact-count').map((r) => [r.target, r.data[0]])).toEqual([
      ['alpha', '0'],
      ['beta', '0'],
    ]);
    expect(
      records.some((r) => r.type === 'ui' && r.data[0] === 'error' && /errored/.test(r.data[1] ?? '')),
    ).toBe(true);
  });

  it('rejects an unknown -on-error policy', async () => {
    const run = await kiln('build', '-on-error=explode', 'two.json');
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('-on-error must be one of cleanup, abort, ask, run-cleanup-provisioner');
  });
});
