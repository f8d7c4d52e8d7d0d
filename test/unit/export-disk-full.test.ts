// A full disk during an export is a failure that says so, names the step and input, and leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../src/core/debug-log.js';
import { KilnError } from '../../src/core/errors.js';
import { BufferUi } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import { runCompress } from '../../src/post-processors/compress/run.js';
import { runConvert } from '../../src/post-processors/convert/run.js';
import { runVagrant } from '../../src/post-processors/vagrant/run.js';

const isRoot = process.getuid?.() === 0;
let dir: string;
let full: string;
let mounted = false;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-full-'));
  full = join(dir, 'small');
  await mkdir(full);
  if (isRoot) {
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', full]);
    mounted = true;
  }
});

afterEach(async () => {
  if (mounted) await execa('umount', [full]);
  mounted = false;
  await rm(dir, { recursive: true, force: true });
});

const ctx = () => ({ ui: new BufferUi(), signal: new AbortController().signal, log: SILENT_LOG });

// Mounting a tmpfs needs root (CI and the dev container run as root).
describe.skipIf(!isRoot)('export onto a full disk (1 MiB tmpfs)', () => {
  it('compress: says the disk is full, names the input, leaves no partial file', async () => {
    const input = join(dir, 'disk.raw');
    await writeFile(input, randomBytes(3 * 1024 * 1024));
    const output = join(full, 'disk.tar.gz');
    const config = {
      type: 'compress',
      output,
      archive: { container: 'tar', compression: 'gzip', level: 1 },
    } as const;
    const error = await runCompress(
      filesArtifact('transcend.qemu', [input], 'x'),
      config,
      output,
      ctx(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect((error as KilnError).code).toBe('disk-full');
    expect((error as Error).message).toContain(
      `compress: writing ${output} from ${input} failed: the disk is full (`,
    );
    expect(await readdir(full)).toEqual([]);
  });

  it('vagrant: the same for a box, and its scratch directory goes too', async () => {
    const raw = join(dir, 'seed.raw');
    await writeFile(raw, randomBytes(3 * 1024 * 1024));
    const disk = join(dir, 'disk.qcow2');
    await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, disk]);
    const output = join(full, 'x.box');
    const config = {
      type: 'vagrant',
      output,
      compressionLevel: 1,
      include: [],
      vagrantfileTemplate: undefined,
      providerOverride: undefined,
    } as const;
    const input = filesArtifact('transcend.qemu', [disk], 'x', 'qcow2');
    const error = await runVagrant(input, config, {
      ...ctx(),
      render: (text) => text,
      log: SILENT_LOG,
      runUuid: 'run',
      force: false,
      buildName: 'qemu',
      builderType: 'qemu',
    }).catch((e: unknown) => e);
    expect((error as KilnError).code).toBe('disk-full');
    expect((error as Error).message).toContain('vagrant: writing');
    expect((error as Error).message).toContain(`${disk} failed: the disk is full`);
    expect(await readdir(full)).toEqual([]);
  });

  it.each(['qcow2', 'vmdk', 'vdi', 'raw'] as const)(
    'convert to %s: says the disk is full (not what qemu-img said), names the step, leaves nothing',
    async (format) => {
      const raw = join(dir, 'seed.raw');
      await writeFile(raw, randomBytes(3 * 1024 * 1024));
      const output = join(full, `disk.${format}`);
      const config = {
        type: 'convert',
        formats: [format],
        output,
        vmdkSubformat: 'monolithicSparse',
        vhdSubformat: 'dynamic',
        diskCompression: false,
        qemuImgArgs: [],
      } as const;
      const input = filesArtifact('transcend.qemu', [raw], 'x', 'raw');
      const error = await runConvert(input, config, { ...ctx(), outputFor: () => output }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KilnError);
      expect((error as KilnError).code).toBe('disk-full');
      expect((error as Error).message).toMatch(
        new RegExp(
          `^convert: converting to ${format}: writing ${output} failed: the disk is full \\(0 B free`,
        ),
      );
      expect((error as KilnError).hint).toContain(full);
      expect(await readdir(full)).toEqual([]);
    },
  );
});
