// The QEMU build's disk steps with a FakeQemuDriver: what qemu-img is asked to do, what state they write, and
// what is left on disk after success, failure and cancellation.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { need } from '../../src/builders/qemu/build-context.js';
import { compactDisk } from '../../src/builders/qemu/steps/compact-disk.js';
import { copyDiskImage } from '../../src/builders/qemu/steps/copy-disk-image.js';
import { createDisk } from '../../src/builders/qemu/steps/create-disk.js';
import { renameArtifacts } from '../../src/builders/qemu/steps/rename-artifacts.js';
import { CancelledError, KilnError } from '../../src/core/errors.js';
import { runSteps } from '../../src/core/runner.js';
import { aborted, runAndCleanUp, type StepHarness, useStepHarness } from './qemu-step-harness.js';

const harness = useStepHarness();
const never = new AbortController().signal;

/** A harness whose output directory exists, as prepare-output-dir leaves it. */
async function withOutputDir(config: Record<string, unknown> = {}): Promise<StepHarness & { out: string }> {
  const h = harness({ config });
  const out = join(h.dir, 'output');
  await mkdir(out);
  h.ctx.state.outputDir = out;
  return { ...h, out };
}

describe('create-disk', () => {
  it('creates every disk under a partial name with qemu_img_args.create and records the names', async () => {
    const { ctx, driver, out } = await withOutputDir({
      disk_size: '10G',
      disk_additional_size: ['1G', '2048'],
      qemu_img_args: { create: ['-o', 'preallocation=metadata'] },
    });
    await createDisk().run(ctx, never);
    const partial = (name: string) => join(out, `${name}.kiln-partial`);
    expect(driver.qemuImgCalls()).toEqual([
      ['create', '-f', 'qcow2', '-o', 'preallocation=metadata', partial('packer-qemu'), '10G'],
      ['create', '-f', 'qcow2', '-o', 'preallocation=metadata', partial('packer-qemu-1'), '1G'],
      ['create', '-f', 'qcow2', '-o', 'preallocation=metadata', partial('packer-qemu-2'), '2048M'],
    ]);
    expect(ctx.state).toMatchObject({
      diskPath: partial('packer-qemu'),
      additionalDiskPaths: [partial('packer-qemu-1'), partial('packer-qemu-2')],
      finalDiskPaths: [join(out, 'packer-qemu'), join(out, 'packer-qemu-1'), join(out, 'packer-qemu-2')],
    });
  });

  it("passes qemu-img's failure on, and creates nothing more", async () => {
    const { ctx, driver } = await withOutputDir({ disk_additional_size: ['1G'] });
    driver.onQemuImg = () =>
      Promise.reject(new KilnError('qemu-img failed (exit code 1): no space', { code: 'qemu-img' }));
    await expect(createDisk().run(ctx, never)).rejects.toThrow('no space');
    expect(driver.qemuImgCalls()).toHaveLength(1);
  });

  it('runs nothing when the build is already cancelled', async () => {
    const { ctx, driver } = await withOutputDir();
    await expect(createDisk().run(ctx, aborted())).rejects.toThrow();
    expect(driver.qemuImgCalls()).toEqual([]);
  });
});

describe('copy-disk-image', () => {
  const source = '/images/cloud.img';

  it('converts the image into the output directory, then grows it to disk_size', async () => {
    const { ctx, driver, out } = await withOutputDir({ disk_image: true, disk_size: '20G' });
    ctx.state.isoPath = source;
    await copyDiskImage().run(ctx, never);
    const disk = join(out, 'packer-qemu.kiln-partial');
    expect(driver.qemuImgCalls()).toEqual([
      ['convert', '-O', 'qcow2', source, disk],
      ['resize', '-f', 'qcow2', disk, '20G'],
    ]);
    expect(ctx.state.diskPath).toBe(disk);
    expect(ctx.state.finalDiskPaths).toEqual([join(out, 'packer-qemu')]);
  });

  it('skip_resize_disk keeps the image at its own size', async () => {
    const { ctx, driver } = await withOutputDir({ disk_image: true, skip_resize_disk: true });
    ctx.state.isoPath = source;
    await copyDiskImage().run(ctx, never);
    expect(driver.qemuImgCalls().map((args) => args[0])).toEqual(['convert']);
  });

  it('use_backing_file puts a qcow2 overlay on the image, naming its probed format', async () => {
    const { ctx, driver, out } = await withOutputDir({
      disk_image: true,
      use_backing_file: true,
      disk_additional_size: ['1G'],
    });
    ctx.state.isoPath = source;
    driver.info = { format: 'raw', virtualSize: 1, actualSize: 1 };
    await copyDiskImage().run(ctx, never);
    expect(driver.calls[0]).toEqual({ method: 'imageInfo', path: source, format: undefined });
    expect(driver.qemuImgCalls()).toEqual([
      ['create', '-f', 'qcow2', '-b', source, '-F', 'raw', join(out, 'packer-qemu.kiln-partial'), '40960M'],
      ['create', '-f', 'qcow2', join(out, 'packer-qemu-1.kiln-partial'), '1G'],
    ]);
  });

  it('runs nothing when the build is already cancelled', async () => {
    const { ctx, driver } = await withOutputDir({ disk_image: true });
    ctx.state.isoPath = source;
    await expect(copyDiskImage().run(ctx, aborted())).rejects.toThrow();
    expect(driver.qemuImgCalls()).toEqual([]);
  });
});

describe('compact-disk', () => {
  async function withDisk(config: Record<string, unknown> = {}) {
    const h = await withOutputDir(config);
    const disk = join(h.out, 'packer-qemu.kiln-partial');
    await writeFile(disk, 'a much larger disk before compaction');
    h.ctx.state.diskPath = disk;
    return { ...h, disk };
  }

  it('rewrites the disk with qemu-img convert (waiting out the lock) and replaces it', async () => {
    const { ctx, driver, disk, out, ui } = await withDisk({
      disk_compression: true,
      qemu_img_args: { convert: ['-o', 'cluster_size=2M'] },
    });
    const step = compactDisk();
    await step.run(ctx, never);
    await step.cleanup?.(ctx, { outcome: 'success', signal: never });
    expect(driver.calls).toEqual([
      {
        method: 'qemuImgUnlocked',
        args: ['convert', '-c', '-o', 'cluster_size=2M', '-O', 'qcow2', disk, `${disk}.convert`],
      },
    ]);
    expect(await readFile(disk, 'utf8')).toBe('fake disk');
    expect(await readdir(out)).toEqual(['packer-qemu.kiln-partial']);
    expect(ui.text()).toMatch(/disk: 36 B -> 9 B/);
  });

  it('removes its half-written copy and keeps the disk when qemu-img fails', async () => {
    const { ctx, driver, disk, out } = await withDisk();
    driver.onQemuImg = async (args) => {
      await writeFile(args.at(-1) as string, 'half');
      throw new KilnError('qemu-img failed (exit code 1): No space left on device', { code: 'qemu-img' });
    };
    const error = await runAndCleanUp(compactDisk(), ctx, 'failed');
    expect(error).toMatchObject({ code: 'qemu-img' });
    expect(await readdir(out)).toEqual(['packer-qemu.kiln-partial']);
    expect(await readFile(disk, 'utf8')).toBe('a much larger disk before compaction');
  });

  it('removes its half-written copy when the build is cancelled mid-convert', async () => {
    const { ctx, driver, out } = await withDisk();
    const controller = new AbortController();
    driver.onQemuImg = async (args) => {
      await writeFile(args.at(-1) as string, 'half');
      controller.abort();
      throw new CancelledError();
    };
    const error = await runAndCleanUp(compactDisk(), ctx, 'cancelled', controller.signal);
    expect(error).toBeInstanceOf(CancelledError);
    expect(await readdir(out)).toEqual(['packer-qemu.kiln-partial']);
  });
});

describe('rename-artifacts', () => {
  it('gives every disk its final name only at the end, and records the artifact files', async () => {
    const { ctx, out } = await withOutputDir({ disk_additional_size: ['1G'] });
    const partials = [join(out, 'packer-qemu.kiln-partial'), join(out, 'packer-qemu-1.kiln-partial')];
    const finals = [join(out, 'packer-qemu'), join(out, 'packer-qemu-1')];
    for (const path of partials) await writeFile(path, 'disk');
    Object.assign(ctx.state, {
      diskPath: partials[0],
      additionalDiskPaths: [partials[1]],
      finalDiskPaths: finals,
    });
    await renameArtifacts().run(ctx, never);
    expect(ctx.state.artifactFiles).toEqual(finals);
    expect((await readdir(out)).sort()).toEqual(['packer-qemu', 'packer-qemu-1']);
  });

  it('fails through the runner with the step name and both paths when a disk is missing', async () => {
    const { ctx, out } = await withOutputDir();
    Object.assign(ctx.state, {
      diskPath: join(out, 'gone.kiln-partial'),
      finalDiskPaths: [join(out, 'gone')],
    });
    const error = await runSteps([renameArtifacts()], ctx, { signal: never }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      step: 'rename-artifacts',
      message: `rename ${join(out, 'gone.kiln-partial')} -> ${join(out, 'gone')}: no such file or directory (ENOENT)`,
    });
    expect(ctx.state.artifactFiles).toBeUndefined();
    expect(existsSync(join(out, 'gone'))).toBe(false);
  });
});

describe('build state', () => {
  it('names every step that can produce a missing value', () => {
    expect(() => need({}, 'diskPath')).toThrow(
      "internal error: 'diskPath' is read before step 'create-disk' or 'copy-disk-image' produced it",
    );
  });
});
