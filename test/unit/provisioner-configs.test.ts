// Load-time checks of the file, breakpoint, ansible, ansible-local and puppet-masterless provisioners:
// defaults, Packer's messages for bad input, and the options Kiln refuses by name.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function provisioners(list: Record<string, unknown>[]) {
  const template = await loadTemplate(tmp.write('t.json', { builders: [QEMU], provisioners: list }), {
    cwd: tmp.dir(),
  });
  return resolveBuilds(template)[0]?.provisioners.map((p) => p.config) ?? [];
}

describe('file provisioner config', () => {
  it('defaults to upload and appends source after sources, as Packer does', async () => {
    tmp.write('a', 'a');
    tmp.write('b', 'b');
    const [config] = await provisioners([
      { type: 'file', source: 'a', sources: ['b'], destination: '/tmp/' },
    ]);
    expect(config).toEqual({
      type: 'file',
      sources: ['b', 'a'],
      destination: '/tmp/',
      direction: 'upload',
      generated: false,
    });
  });

  it('names a missing source, a bad direction and a missing destination', async () => {
    const error = await templateFailure(
      provisioners([
        { type: 'file', source: 'nope.txt', destination: '/tmp/x' },
        { type: 'file', source: 'x', destination: '/tmp/x', direction: 'sideways' },
        { type: 'file', source: 'x', direction: 'download' },
      ]),
    );
    expect(error.message).toContain("Bad source 'nope.txt': no such file or directory");
    expect(error.message).toContain('Direction must be one of: download, upload.');
    expect(error.message).toContain('Destination must be specified.');
  });

  it('checks nothing at load for generated sources or downloads', async () => {
    const configs = await provisioners([
      { type: 'file', source: 'later.txt', destination: '/tmp/x', generated: true },
      { type: 'file', source: '/remote/only', destination: 'here', direction: 'download' },
    ]);
    expect(configs).toHaveLength(2);
  });
});

describe('breakpoint, ansible, ansible-local and puppet-masterless configs', () => {
  it('resolve with Packer defaults', async () => {
    tmp.write('site.yml', '[]');
    tmp.write('site.pp', '');
    const [breakpoint, ansible, local, puppet] = await provisioners([
      { type: 'breakpoint', note: 'look' },
      { type: 'ansible', playbook_file: 'site.yml', use_proxy: false },
      { type: 'ansible-local', playbook_file: 'site.yml' },
      { type: 'puppet-masterless', manifest_file: 'site.pp' },
    ]);
    expect(breakpoint).toEqual({ type: 'breakpoint', note: 'look', disable: false });
    expect(ansible).toMatchObject({
      command: 'ansible-playbook',
      hostAlias: 'default',
      ansibleEnvVars: ['ANSIBLE_HOST_KEY_CHECKING=False', 'ANSIBLE_SCP_IF_SSH=True'],
      user: undefined,
    });
    expect(local).toMatchObject({
      command: 'ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook',
      stagingDirectory: expect.stringMatching(/^\/tmp\/packer-provisioner-ansible-local\/[0-9a-f-]{36}$/),
    });
    expect(puppet).toMatchObject({
      stagingDirectory: '/tmp/packer-puppet-masterless',
      workingDirectory: '/tmp/packer-puppet-masterless',
      executeCommand: undefined,
    });
  });

  it("name missing files and directories with Packer's messages", async () => {
    tmp.write('file.txt', '');
    mkdirSync(join(tmp.dir(), 'adir'));
    const error = await templateFailure(
      provisioners([
        { type: 'ansible', playbook_file: 'missing.yml' },
        { type: 'ansible', playbook_file: 'adir' },
        { type: 'ansible-local', playbook_file: 'file.txt', role_paths: ['file.txt'] },
        { type: 'ansible-local' },
        { type: 'puppet-masterless', manifest_file: 'nope.pp', module_paths: ['file.txt'] },
      ]),
    );
    expect(error.message).toContain('playbook_file: missing.yml is invalid: no such file or directory');
    expect(error.message).toContain('playbook_file: adir must point to a file');
    expect(error.message).toContain('role_paths: file.txt must point to a directory');
    expect(error.message).toContain('Either playbook_file or playbook_files must be specified');
    expect(error.message).toContain('manifest_file: nope.pp is invalid: no such file or directory');
    expect(error.message).toContain('module_path[0]: file.txt must point to a directory');
  });

  it('refuse the options Kiln does not implement, naming each', async () => {
    tmp.write('site.yml', '[]');
    tmp.write('site.pp', '');
    const error = await templateFailure(
      provisioners([
        { type: 'ansible', playbook_file: 'site.yml', use_proxy: true, local_port: 2222 },
        {
          type: 'puppet-masterless',
          manifest_file: 'site.pp',
          elevated_user: 'admin',
          guest_os_type: 'windows',
        },
      ]),
    );
    expect(error.message).toMatch(/'use_proxy' is not supported by Kiln: .*SSH proxy/);
    expect(error.message).toMatch(/'local_port' is not supported by Kiln/);
    expect(error.message).toMatch(/'elevated_user' is not supported by Kiln/);
    expect(error.message).toContain("guest_os_type 'windows' is not supported by Kiln");
  });
});
