// The convert post-processor with real qemu-img: every format from a real qcow2, checked with qemu-img.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../src/core/debug-log.js';
import { BufferUi } from '../../src/core/ui.js';
import { imageInfo, runQemuImg } from '../../src/disk/qemu-img.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import { buildConvertArgs, defaultConvertOutput } from '../../src/post-processors/convert/args.js';
import type { ConvertConfig, ConvertFormat } from '../../src/post-processors/convert/config.js';
import { runConvert } from '../../src/post-processors/convert/run.js';

const defaults: ConvertConfig = {
  type: 'convert',
  formats: ['vmdk'],
  output: undefined,
  vmdkSubformat: 'streamOptimized',
  vhdSubformat: 'dynamic',
  diskCompression: false,
  qemuImgArgs: [],
};
const signal = new AbortController().signal;

let dir: string;
let disk: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-convert-'));
  disk = join(dir, 'disk.qcow2');
  const raw = join(dir, 'seed.raw');
  await writeFile(raw, Buffer.alloc(3 * 1024 * 1024, 0x5a));
  await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, disk]);
  // Not a whole MiB: 65000 KiB, so the fixed VHD's rounding shows.
  await execa('qemu-img', ['resize', disk, '65000K']);
  await rm(raw);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input = () => filesArtifact('transcend.qemu', [disk], 'test', 'qcow2');
const convert = (
  config: Partial<ConvertConfig>,
  outputFor: (f: ConvertFormat) => string | undefined = () => undefined,
) =>
  runConvert(input(), { ...defaults, ...config }, { ui: new BufferUi(), signal, log: SILENT_LOG, outputFor });
const partials = async () => (await readdir(dir)).filter((f) => f.includes('partial'));

describe('convert post-processor', () => {
  it('names the output after the input, replacing only a disk extension, never onto the input', () => {
    expect(defaultConvertOutput('/o/ubuntu-22.04', 'vmdk')).toBe('/o/ubuntu-22.04.vmdk');
    expect(defaultConvertOutput('/o/disk.qcow2', 'vhd')).toBe('/o/disk.vhd');
    expect(defaultConvertOutput('/o/disk.qcow2', 'qcow2')).toBe('/o/disk-converted.qcow2');
  });

  it('never lets qemu-img guess the input format when the artifact knows it', () => {
    expect(buildConvertArgs(defaults, 'vmdk', 'a', 'b', 'raw')).toEqual([
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
    expect(buildConvertArgs(defaults, 'raw', 'a', 'b')).toEqual(['convert', '-p', '-O', 'raw', 'a', 'b']);
  });

  it.each<[ConvertFormat, string]>([
    ['vmdk', 'vmdk'],
    ['raw', 'raw'],
    ['vhd', 'vpc'],
    ['vhdx', 'vhdx'],
    ['vdi', 'vdi'],
  ])('converts qcow2 to %s, checks it and leaves no partial file', async (format, qemuFormat) => {
    const result = await convert({ formats: [format] });
    const output = join(dir, `disk.${format}`);
    expect(result.artifact.files).toEqual([output]);
    expect(result.artifact.diskFormat).toBe(qemuFormat);
    const info = await imageInfo(output, { signal, format: qemuFormat });
    expect(info.format).toBe(qemuFormat);
    expect(info.virtualSize).toBeGreaterThanOrEqual(65000 * 1024);
    if (format !== 'raw' && format !== 'vhd')
      await runQemuImg(['check', '-f', qemuFormat, output], { signal });
    await runQemuImg(['compare', '-f', 'qcow2', '-F', qemuFormat, disk, output], { signal });
    expect(await partials()).toEqual([]);
  });

  it('writes a fixed vhd whose size is a whole MiB, as Azure requires', async () => {
    await convert({ formats: ['vhd'], vhdSubformat: 'fixed' });
    const output = join(dir, 'disk.vhd');
    const info = JSON.parse(await runQemuImg(['info', '--output=json', '-f', 'vpc', output], { signal })) as {
      'virtual-size': number;
    };
    expect(info['virtual-size']).toBe(64 * 1024 * 1024);
    // A fixed VHD is the raw disk plus a 512-byte footer.
    expect((await stat(output)).size).toBe(64 * 1024 * 1024 + 512);
    await runQemuImg(['compare', '-f', 'qcow2', '-F', 'vpc', disk, output], { signal });
  });

  it('writes a fixed vhdx when asked', async () => {
    await convert({ formats: ['vhdx'], vhdSubformat: 'fixed' });
    expect((await stat(join(dir, 'disk.vhdx'))).size).toBeGreaterThan(64 * 1024 * 1024);
  });

  it('re-compresses a qcow2 with disk_compression (-c): smaller, same contents', async () => {
    await convert({ formats: ['qcow2'], output: undefined });
    await convert({ formats: ['qcow2'], diskCompression: true }, () => join(dir, 'small.qcow2'));
    const plain = (await stat(join(dir, 'disk-converted.qcow2'))).size;
    const small = (await stat(join(dir, 'small.qcow2'))).size;
    expect(small).toBeLessThan(plain / 4);
    await runQemuImg(['check', join(dir, 'small.qcow2')], { signal });
    await runQemuImg(['compare', disk, join(dir, 'small.qcow2')], { signal });
  });

  it('writes several formats from one entry, with {{.Format}} in output', async () => {
    const result = await convert({ formats: ['vmdk', 'vhdx'] }, (f) => join(dir, `image.${f}`));
    expect(result.artifact.files).toEqual([join(dir, 'image.vmdk'), join(dir, 'image.vhdx')]);
    expect(result.artifact.diskFormat).toBeUndefined();
    expect((await imageInfo(join(dir, 'image.vhdx'), { signal })).format).toBe('vhdx');
  });

  it('a failing format removes the formats already written and names the step and input', async () => {
    const run = convert({ formats: ['vmdk', 'vhdx'] }, (f) =>
      f === 'vmdk' ? join(dir, 'ok.vmdk') : join(dir, 'missing-dir', 'x.vhdx'),
    );
    await expect(run).rejects.toThrow(`convert: converting to vhdx failed for ${disk}: qemu-img failed`);
    expect(existsSync(join(dir, 'ok.vmdk'))).toBe(false);
    expect(await partials()).toEqual([]);
  });

  it("fails with qemu-img's message naming the input, and removes the partial output", async () => {
    const missing = join(dir, 'missing.qcow2');
    const run = runConvert(filesArtifact('transcend.qemu', [missing], 'test'), defaults, {
      ui: new BufferUi(),
      log: SILENT_LOG,
      signal,
      outputFor: () => undefined,
    });
    await expect(run).rejects.toThrow(
      /convert: reading the input failed for .*missing\.qcow2: qemu-img failed/,
    );
    expect(await partials()).toEqual([]);
  });
});
