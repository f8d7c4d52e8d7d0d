// Numbers and lone values where Packer 1.6.6's mapstructure decoding takes them, and what its loader rejects;
// duplicate JSON keys (the loader rejects them, `fix` keeps the last as Go's encoding/json does).
import { describe, expect, it } from 'vitest';
import type { QemuConfig } from '../../src/builders/qemu/config/qemu-config.js';
import { fixTemplateText } from '../../src/fix/index.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function qemu(options: Record<string, unknown>): Promise<QemuConfig> {
  const file = tmp.write('t.json', { builders: [{ ...QEMU, ...options }] });
  const [build] = resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() }));
  if (!build) throw new Error('no build');
  return build.config as QemuConfig;
}

describe('weakly typed numbers (Packer validate accepts these)', () => {
  it('truncates a float for an int option', async () => {
    expect((await qemu({ memory: 2048.7, cpus: 2.0 })).memory).toBe(2048);
  });

  it('reads a bare number duration as nanoseconds', async () => {
    const config = await qemu({ boot_wait: 5, ssh_timeout: 2_000_000_000 });
    expect(config.bootWaitMs).toBe(0.000005);
  });

  it('lifts each string of a flat qemuargs list into its own argument list', async () => {
    expect((await qemu({ qemuargs: ['-m', '512'] })).qemuargs).toEqual([['-m'], ['512']]);
    expect((await qemu({ qemuargs: [['-smp', '2'], '-no-reboot'] })).qemuargs).toEqual([
      ['-smp', '2'],
      ['-no-reboot'],
    ]);
  });

  it('rejects a disk_size with a fraction, as Packer does ("Invalid disk size")', async () => {
    const file = tmp.write('t.json', { builders: [{ ...QEMU, disk_size: 10240.5 }] });
    const error = await templateFailure(loadTemplate(file, { cwd: tmp.dir() }));
    expect(error.message).toMatch(/builders\[0\]\.disk_size\): Invalid disk size: 10240\.5/);
    expect((await qemu({ disk_size: 10240 })).diskSizeMiB).toBe(10240);
  });

  it('still rejects a string that is not an integer ("1.5")', async () => {
    const file = tmp.write('t.json', { builders: [{ ...QEMU, memory: '1.5' }] });
    await templateFailure(async () => resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() })));
  });
});

describe('duplicate keys', () => {
  const text =
    '{"variables": {"a": "1", "a": "2"}, "builders": [{"type": "qemu", "memory": 1, "memory": 2}]}';

  it('are an error when loading, as Packer 1.6.6 says: template has duplicate field', async () => {
    const error = await templateFailure(loadTemplate(tmp.write('d.json', text), { cwd: tmp.dir() }));
    expect(error.message).toMatch(/template has duplicate field: a/);
  });

  it('keep the last value in fix, as packer fix does', () => {
    const fixed = JSON.parse(fixTemplateText('d.json', text).text);
    expect(fixed).toEqual({ variables: { a: '2' }, builders: [{ type: 'qemu', memory: 2 }] });
  });
});
