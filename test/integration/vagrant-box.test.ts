// The test OS built with vagrant post-processors: Vagrant itself (with vagrant-libvirt) accepts every box Kiln
// writes, and the disk inside the libvirt box boots under QEMU to an SSH login.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootImage } from './helpers/boot-image.js';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso } from './helpers/testos.js';
import { writeVariant } from './helpers/variant.js';

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-vagrant-vm-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function vagrant(home: string, args: string[]): Promise<string> {
  const run = await execa('vagrant', args, { env: { VAGRANT_HOME: home }, reject: false, all: true });
  expect(run.exitCode, `vagrant ${args.join(' ')}:\n${run.all}`).toBe(0);
  return String(run.stdout);
}

describe('kiln build with the vagrant post-processor', () => {
  it('writes libvirt and virtualbox boxes that vagrant box add accepts, and the libvirt disk boots', async () => {
    const out = join(dir, 'output');
    const boxes = join(dir, 'boxes');
    const template = await writeVariant(dir, 'vagrant', (_builder, t) => {
      t['post-processors'] = [
        { type: 'vagrant', output: `${boxes}/kiln-{{.Provider}}.box` },
        {
          type: 'vagrant',
          provider_override: 'virtualbox',
          compression_level: 0,
          output: `${boxes}/kiln-{{.Provider}}.box`,
        },
      ];
    });
    const run = await runKiln(['build', '-var', `output_directory=${out}`, template]);
    expect(run.exitCode, run.output).toBe(0);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    expect((await readdir(boxes)).sort()).toEqual(['kiln-libvirt.box', 'kiln-virtualbox.box']);

    const home = join(dir, 'vagrant-home');
    await vagrant(home, ['box', 'add', '--name', 'kiln-test', join(boxes, 'kiln-libvirt.box')]);
    await vagrant(home, ['box', 'add', '--name', 'kiln-test', join(boxes, 'kiln-virtualbox.box')]);
    const list = await vagrant(home, ['box', 'list']);
    expect(list).toContain('kiln-test (libvirt, 0)');
    expect(list).toContain('kiln-test (virtualbox, 0)');

    // The box as Vagrant unpacked it: its disk boots on its own.
    const unpacked = join(home, 'boxes', 'kiln-test', '0', 'libvirt');
    const driver = /Using accelerator (\w+)/.exec(run.output)?.[1] === 'kvm' ? 'kvm' : 'qemu';
    expect(await readFile(join(unpacked, 'Vagrantfile'), 'utf8')).toContain(`libvirt.driver = "${driver}"`);
    const vm = await bootImage(join(unpacked, 'box.img'), 'qcow2', 'tr0mbone-sky');
    try {
      const marker = await vm.run('cat /etc/kiln/marker');
      expect(marker.exitCode).toBe(0);
      expect(marker.stdout).toContain('built-by=kiln');
    } finally {
      await vm.stop();
    }
  });
});
