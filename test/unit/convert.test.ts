import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BufferUi } from '../../src/core/ui.js';
import { imageInfo } from '../../src/disk/qemu-img.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import type { ConvertConfig, ConvertFormat } from '../../src/post-processors/convert/config.js';
import { buildConvertArgs, defaultConvertOutput, runConvert } from '../../src/post-processors/convert/run.js';

const defaults: ConvertConfig = {
  type: 'convert',
  format: 'vmdk',
  output: undefined,
  vmdkSubformat: 'streamOptimized',
  vhdSubformat: 'dynamic',
  qemuImgArgs: [],
};

let dir: string;
let disk: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-convert-'));
  disk = join(dir, 'disk.qcow2');
  const raw = join(dir, 'seed.raw');
  await writeFile(raw, Buffer.alloc(3 * 1024 * 1024, 0x5a));
  await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, disk]);
  await execa('qemu-img', ['resize', disk, '64M']);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('convert post-processor', () => {
  it('names the output after the input, replacing only a disk extension', () => {
    expect(defaultConvertOutput('/o/ubuntu-22.04', 'vmdk')).toBe('/o/ubuntu-22.04.vmdk');
    expect(defaultConvertOutput('/o/disk.qcow2', 'vhd')).toBe('/o/disk.vhd');
  });

  it('never lets qemu-img guess the input format when the artifact knows it', () => {
    expect(buildConvertArgs(defaults, 'a', 'b', 'raw')).toEqual([
      'convert',
      '-p',
      '-f',
      'raw',
      '-O',
      'vmdk',
      '-o',
      'subformat=streamOptimized',
      'a',
      'b',
    ]);
  });

  it('builds qemu-img argv per format', () => {
    expect(buildConvertArgs(defaults, 'a', 'b')).toEqual([
      'convert',
      '-p',
      '-O',
      'vmdk',
      '-o',
      'subformat=streamOptimized',
      'a',
      'b',
    ]);
    expect(buildConvertArgs({ ...defaults, format: 'vhd', vhdSubformat: 'fixed' }, 'a', 'b')).toContain(
      'subformat=fixed,force_size=on',
    );
    expect(buildConvertArgs({ ...defaults, format: 'raw' }, 'a', 'b')).toEqual([
      'convert',
      '-p',
      '-O',
      'raw',
      'a',
      'b',
    ]);
  });

  it.each<[ConvertFormat, string, string]>([
    ['vmdk', 'disk.vmdk', 'vmdk'],
    ['raw', 'disk.raw', 'raw'],
    ['vhd', 'disk.vhd', 'vpc'],
    ['vhdx', 'disk.vhdx', 'vhdx'],
  ])('converts qcow2 to %s, checks it and leaves no partial file', async (format, name, qemuFormat) => {
    const ui = new BufferUi();
    const input = filesArtifact('transcend.qemu', [disk], 'test', 'qcow2');
    const result = await runConvert(input, { ...defaults, format }, ui, new AbortController().signal);
    expect(result.artifact.files).toEqual([join(dir, name)]);
    const info = await imageInfo(join(dir, name), { signal: new AbortController().signal });
    expect(info.format).toBe(qemuFormat);
    expect(info.virtualSize).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it("fails with qemu-img's message and removes the partial output", async () => {
    const input = filesArtifact('transcend.qemu', [join(dir, 'missing.qcow2')], 'test');
    await expect(runConvert(input, defaults, new BufferUi(), new AbortController().signal)).rejects.toThrow(
      /qemu-img failed.*missing\.qcow2/s,
    );
    expect(existsSync(join(dir, 'missing.vmdk.kiln-partial'))).toBe(false);
  });
});
