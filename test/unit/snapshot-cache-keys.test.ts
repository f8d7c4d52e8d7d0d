// The snapshot cache's keys: stable across what differs between two runs of the same template (paths, ports,
// {{timestamp}}, {{uuid}}), changed by anything that makes a different guest, and chained so a changed
// provisioner leaves the keys before it alone.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QemuBuildState } from '../../src/builders/qemu/build-context.js';
import { chainKeys } from '../../src/builders/qemu/snapshot/chain-keys.js';
import { machineKey } from '../../src/builders/qemu/snapshot/machine-key.js';
import { loadTemplate, renderForCacheKey } from '../../src/template/index.js';
import { useStepHarness } from './qemu-step-harness.js';
import { keyedProvisioner } from './snapshot-cache-fixture.js';

const harness = useStepHarness();

function state(dir: string, run: string): QemuBuildState {
  return {
    outputDir: join(dir, `out-${run}`),
    diskPath: join(dir, `out-${run}`, 'disk.qcow2'),
    isoPath: join(dir, `iso-${run}.iso`),
    accelerator: 'tcg',
    sshHostPort: run === 'a' ? 3001 : 4002,
    vncPort: run === 'a' ? 5901 : 5977,
  };
}

async function keyOf(config: Record<string, unknown>, run: string) {
  const h = harness({ config });
  Object.assign(h.ctx.state, state(h.dir, run));
  return machineKey(h.ctx, 'sha256:abc');
}

describe('install key', () => {
  it('is the same for two runs that differ only in paths and ports, and differs for another guest', async () => {
    const base = { memory: 1024, boot_command: ['<esc>install url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/'] };
    const a = await keyOf(base, 'a');
    expect(await keyOf(base, 'b')).toBe(a);
    expect(await keyOf({ ...base, memory: 2048 }, 'a')).not.toBe(a);
    expect(await keyOf({ ...base, boot_command: ['<esc>other'] }, 'a')).not.toBe(a);
    expect(await keyOf({ ...base, qemuargs: [['-cpu', 'max']] }, 'a')).not.toBe(a);
  });

  it('covers the bytes of the installer files served over HTTP', async () => {
    const http = await mkdtemp(join(tmpdir(), 'kiln-http-'));
    try {
      await writeFile(join(http, 'install.cfg'), 'ROOT=1\n');
      const h = harness({ config: { http_directory: http } });
      Object.assign(h.ctx.state, state(h.dir, 'a'));
      const first = await machineKey(h.ctx, 'sha256:abc');
      expect(await machineKey(h.ctx, 'sha256:abc')).toBe(first);
      await writeFile(join(http, 'install.cfg'), 'ROOT=2\n');
      expect(await machineKey(h.ctx, 'sha256:abc')).not.toBe(first);
      expect(await machineKey(h.ctx, 'sha256:other-iso')).not.toBe(first);
    } finally {
      await rm(http, { recursive: true, force: true });
    }
  });
});

describe('provisioner keys', () => {
  it('chain: changing the second of three provisioners keeps the install and first keys', async () => {
    const h = harness();
    const one = [keyedProvisioner('one'), keyedProvisioner('two'), keyedProvisioner('three')];
    const two = [keyedProvisioner('one'), keyedProvisioner('TWO'), keyedProvisioner('three')];
    const a = await chainKeys('install', one, h.dir);
    const b = await chainKeys('install', two, h.dir);
    expect(a).toHaveLength(4);
    expect(b.slice(0, 2)).toEqual(a.slice(0, 2));
    expect(b[2]).not.toBe(a[2]);
    expect(b[3]).not.toBe(a[3]);
  });

  it('covers the bytes of uploaded scripts, and stops before a provisioner it cannot key', async () => {
    const h = harness();
    await writeFile(join(h.dir, 'setup.sh'), 'echo 1\n');
    const list = [keyedProvisioner('s', ['setup.sh']), keyedProvisioner('x', null), keyedProvisioner('z')];
    const before = await chainKeys('install', list, h.dir);
    expect(before).toHaveLength(2);
    await writeFile(join(h.dir, 'setup.sh'), 'echo 2\n');
    const after = await chainKeys('install', list, h.dir);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });
});

describe('{{timestamp}} and {{uuid}}', () => {
  it('render the same in two runs at different times, in sections and in variables', async () => {
    const h = harness();
    const file = join(h.dir, 't.json');
    await writeFile(
      file,
      JSON.stringify({
        variables: { stamp: '{{timestamp}}', id: '{{uuid}}' },
        builders: [{ type: 'qemu' }],
        provisioners: [
          {
            type: 'shell',
            inline: ['echo {{timestamp}} {{uuid}} {{user `stamp`}} {{user `id`}} {{ .Path }}'],
          },
        ],
      }),
    );
    const render = async (when: number) => {
      const template = await loadTemplate(file, { initTime: new Date(when), env: {} });
      return renderForCacheKey(template, template.raw.provisioners[0]?.config ?? null);
    };
    const first = await render(1_700_000_000_000);
    expect(await render(1_800_000_000_000)).toEqual(first);
    expect(JSON.stringify(first)).toContain('{{ .Path }}'); // run-time fields stay as written
  });
});
