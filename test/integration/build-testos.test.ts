// The whole pipeline for real: the example template through the CLI, then the image booted on its own.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfo, runQemuImg } from '../../src/disk/qemu-img.js';
import { bootImage } from './helpers/boot-image.js';
import { watchCommandLines } from './helpers/command-lines.js';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso } from './helpers/testos.js';

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-build-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kiln build templates/testos.json', () => {
  it('installs the test OS, provisions it, and leaves a bootable qcow2 and a checked vmdk', async () => {
    const out = join(dir, 'output');
    const watch = watchCommandLines('tr0mbone-sky');
    const run = await runKiln([
      'build',
      '-var',
      `output_directory=${out}`,
      '-var',
      'marker=integration',
      'templates/testos.json',
    ]).finally(() => watch.stop()); // the poller stops even if the run throws
    const commandLines = watch.stop();
    expect(commandLines.qemuSeen).toBe(true);
    expect(commandLines.matches).toEqual([]); // nor any process's command line (/proc/*/cmdline)
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain("Build 'qemu' finished");
    expect(run.output).toMatch(/HTTP GET \/install\.cfg -> 200/);
    expect(run.output).not.toContain('tr0mbone-sky'); // a sensitive variable never reaches the output
    expect((await readdir(out)).sort()).toEqual(['kiln-testos.qcow2', 'kiln-testos.vmdk']);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);

    const signal = AbortSignal.timeout(60_000);
    await runQemuImg(['check', join(out, 'kiln-testos.vmdk')], { signal });
    expect((await imageInfo(join(out, 'kiln-testos.vmdk'), { signal })).format).toBe('vmdk');
    expect((await imageInfo(join(out, 'kiln-testos.qcow2'), { signal })).format).toBe('qcow2');

    const vm = await bootImage(join(out, 'kiln-testos.qcow2'), 'qcow2', 'tr0mbone-sky');
    try {
      const marker = await vm.run('cat /etc/kiln/marker');
      expect(marker.exitCode).toBe(0);
      expect(marker.stdout).toContain('built-by=kiln');
      expect(marker.stdout).toContain('build-name=qemu');
      expect(marker.stdout).toContain('marker=integration');
    } finally {
      await vm.stop();
    }
  });

  it('keeps an existing output directory unless -force', async () => {
    const out = join(dir, 'existing');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'precious.txt'), 'keep me');
    const run = await runKiln(['build', '-var', `output_directory=${out}`, 'templates/testos.json']);
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/output directory '.*existing' already exists/);
    expect(run.output).toContain('-force');
    expect(existsSync(join(out, 'precious.txt'))).toBe(true);
  });
});
