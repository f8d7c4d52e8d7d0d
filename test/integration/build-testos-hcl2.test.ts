// templates/testos.pkr.hcl, the HCL2 twin of templates/testos.json, builds the same image for real through the
// CLI: variables (one sensitive), a source, a provisioner and a post-processor evaluated from HCL2.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfo } from '../../src/disk/qemu-img.js';
import { bootImage } from './helpers/boot-image.js';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso } from './helpers/testos.js';

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-build-hcl2-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kiln build templates/testos.pkr.hcl', () => {
  it('installs the test OS from the HCL2 template, provisions it and converts the disk', async () => {
    const out = join(dir, 'output');
    const run = await runKiln([
      'build',
      '-var',
      `output_directory=${out}`,
      '-var',
      'marker=integration',
      'templates/testos.pkr.hcl',
    ]);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain("Build 'qemu.testos' finished");
    expect(run.output).not.toContain('tr0mbone-sky'); // a sensitive variable never reaches the output
    expect((await readdir(out)).sort()).toEqual(['kiln-testos.qcow2', 'kiln-testos.vmdk']);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    const signal = AbortSignal.timeout(60_000);
    expect((await imageInfo(join(out, 'kiln-testos.vmdk'), { signal })).format).toBe('vmdk');

    const vm = await bootImage(join(out, 'kiln-testos.qcow2'), 'qcow2', 'tr0mbone-sky');
    try {
      const marker = await vm.run('cat /etc/kiln/marker');
      expect(marker.exitCode).toBe(0);
      expect(marker.stdout).toContain('built-by=kiln');
      expect(marker.stdout).toContain('marker=integration');
    } finally {
      await vm.stop();
    }
  });
});
