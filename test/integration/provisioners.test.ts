// The provisioners in a real build of the test OS: a directory goes up with the file provisioner and comes
// back byte for byte, and an Ansible playbook run from the host (over the forwarded SSH port, with the build's
// password) changes the guest, which the build then downloads to prove it; then the guest reboots
// mid-provisioning (expect_disconnect) and provisioning goes on after it.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso, TESTOS_TEMPLATE } from './helpers/testos.js';

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-provisioners-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FILES = ['a.txt', 'blob.bin', 'sub/deeper/run.sh', 'sub/name with space'];

async function makeTree(root: string): Promise<void> {
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
  await mkdir(join(root, 'empty'));
  await writeFile(join(root, 'a.txt'), 'alpha\n');
  await writeFile(join(root, 'blob.bin'), randomBytes(3 * 1024 * 1024));
  await writeFile(join(root, 'sub', 'deeper', 'run.sh'), '#!/bin/sh\necho hi\n');
  await chmod(join(root, 'sub', 'deeper', 'run.sh'), 0o755);
  await writeFile(join(root, 'sub', 'name with space'), 'spaced\n');
}

const digest = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('provisioners in a test OS build', () => {
  it('round-trips a directory, changes the guest with Ansible, and goes on after a reboot', async () => {
    const tree = join(dir, 'tree');
    await makeTree(tree);
    const back = join(dir, 'back');
    const playbook = join(dir, 'site.yml');
    await writeFile(
      playbook,
      [
        '- hosts: all',
        '  gather_facts: false',
        '  tasks:',
        '    - copy:',
        '        dest: /root/ansible-made',
        '        content: "made by ansible for {{ packer_build_name }} on {{ inventory_hostname }}\\n"',
        '        mode: "0640"',
        '',
      ].join('\n'),
    );
    const template = JSON.parse(await readFile(TESTOS_TEMPLATE, 'utf8')) as Record<string, unknown>;
    template.provisioners = [
      { type: 'file', source: tree, destination: '/root/up' },
      { type: 'ansible', playbook_file: playbook, host_alias: 'testos' },
      { type: 'file', source: '/root/up/tree/', destination: `${back}/`, direction: 'download' },
      { type: 'file', source: '/root/ansible-made', destination: `${back}/`, direction: 'download' },
      // A reboot mid-provisioning: /run is a tmpfs, so its marker is gone only if the guest really rebooted.
      { type: 'shell', inline: ['touch /run/kiln-before-reboot', 'reboot'], expect_disconnect: true },
      {
        type: 'shell',
        pause_before: '10s',
        start_retry_timeout: '3m',
        inline: ['test ! -e /run/kiln-before-reboot', 'echo rebooted > /root/after-reboot'],
      },
      { type: 'file', source: '/root/after-reboot', destination: `${back}/`, direction: 'download' },
    ];
    delete template['post-processors'];
    const templatePath = join(dir, 'provisioners.json');
    await writeFile(templatePath, JSON.stringify(template));

    const run = await runKiln(['build', '-var', `output_directory=${join(dir, 'out')}`, templatePath]);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain(`Uploading ${tree} => /root/up`);
    expect(run.output).toMatch(/Executing Ansible: ansible-playbook .*-e ansible_password=\*{5}/);
    expect(run.output).not.toContain('tr0mbone-sky');
    for (const file of FILES)
      expect(await digest(join(back, 'tree', file)), file).toBe(await digest(join(tree, file)));
    expect((await stat(join(back, 'tree', 'sub', 'deeper', 'run.sh'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(back, 'tree', 'empty'))).isDirectory()).toBe(true);
    expect(await readFile(join(back, 'ansible-made'), 'utf8')).toBe('made by ansible for qemu on testos\n');
    expect(await readFile(join(back, 'after-reboot'), 'utf8')).toBe('rebooted\n');
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
  });
});
