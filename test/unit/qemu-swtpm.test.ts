// vtpm: a real swtpm per build, and a real QEMU that attaches to it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSwtpm } from '../../src/builders/qemu/devices/swtpm.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-tpm-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('swtpm', () => {
  it('starts with its socket in the work dir, serves QEMU, and stops', async () => {
    const tpm = await startSwtpm(dir, false, new AbortController().signal);
    try {
      expect(existsSync(tpm.socket)).toBe(true);
      // QEMU refuses to start when the TPM backend is unusable; with it, the paused VM answers QMP.
      const qemu = execa(
        'qemu-system-x86_64',
        [
          '-machine',
          'pc,accel=tcg',
          '-nodefaults',
          '-display',
          'none',
          '-S',
          '-qmp',
          'stdio',
          '-chardev',
          `socket,id=vtpm,path=${tpm.socket}`,
          '-tpmdev',
          'emulator,id=tpm0,chardev=vtpm',
          '-device',
          'tpm-tis,tpmdev=tpm0',
        ],
        {
          input: '{"execute":"qmp_capabilities"}\n{"execute":"query-tpm"}\n{"execute":"quit"}\n',
          reject: false,
        },
      );
      const result = await qemu;
      expect(result.stdout).toContain('"model": "tpm-tis"');
      expect(result.stdout).toContain('"type": "emulator"');
    } finally {
      await tpm.stop();
    }
  });

  it('is stopped by its cleanup even while waiting for QEMU', async () => {
    const tpm = await startSwtpm(dir, true, new AbortController().signal);
    await tpm.stop();
    await tpm.stop();
    expect(
      (await execa('pgrep', ['-f', `swtpm socket --tpmstate dir=${join(dir, 'tpm')}`], { reject: false }))
        .stdout,
    ).toBe('');
  });

  it('names vtpm and the package to install when swtpm is missing, and leaves no process', async () => {
    const path = process.env.PATH;
    process.env.PATH = dir; // an empty directory: no swtpm on it
    try {
      const error = await startSwtpm(dir, false, new AbortController().signal).catch((e: unknown) => e);
      expect(String(error)).toMatch(/^KilnError: vtpm: swtpm did not start/);
      expect((error as { hint?: string }).hint).toBe('vtpm needs swtpm: apt-get install swtpm');
    } finally {
      process.env.PATH = path;
    }
    expect(existsSync(join(dir, 'swtpm.sock'))).toBe(false);
  });
});
