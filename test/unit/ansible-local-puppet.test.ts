// ansible-local and puppet-masterless for real: the loopback sshd's "machine" is this host, where Debian's
// ansible and puppet are installed; each run must change a file the test reads back.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnsibleLocalConfig } from '../../src/provisioners/ansible-local/config.js';
import { runAnsibleLocal } from '../../src/provisioners/ansible-local/run.js';
import type { PuppetMasterlessConfig } from '../../src/provisioners/puppet-masterless/config.js';
import { runPuppetMasterless } from '../../src/provisioners/puppet-masterless/run.js';
import { type ProvisionFixture, startProvisionFixture } from './provision-fixture.js';

let fx: ProvisionFixture;
beforeAll(async () => {
  fx = await startProvisionFixture();
});
afterAll(async () => {
  await fx?.stop();
});

function ansibleConfig(overrides: Partial<AnsibleLocalConfig>): AnsibleLocalConfig {
  return {
    type: 'ansible-local',
    command: 'ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook',
    extraArguments: [],
    groupVars: undefined,
    hostVars: undefined,
    playbookDir: undefined,
    playbookFile: undefined,
    playbookFiles: [],
    playbookPaths: [],
    rolePaths: [],
    stagingDirectory: join(fx.dir, `staging-${Math.random().toString(36).slice(2)}`),
    cleanStagingDirectory: true,
    inventoryFile: undefined,
    inventoryGroups: [],
    galaxyFile: undefined,
    galaxyCommand: 'ansible-galaxy',
    ...overrides,
  };
}

function write(name: string, text: string): string {
  const path = join(fx.dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('ansible-local over real SSH', () => {
  it('stages a playbook and a role, runs it with -c local, and cleans the staging directory', async () => {
    const target = join(fx.dir, 'ansible-made.txt');
    write(
      'roles/greeter/tasks/main.yml',
      '- copy:\n    dest: "{{ target }}"\n    content: "hello from {{ packer_build_name }} {{ who }}\\n"\n',
    );
    const playbook = write('site.yml', '- hosts: all\n  gather_facts: false\n  roles:\n    - greeter\n');
    const config = ansibleConfig({
      playbookFile: playbook,
      rolePaths: [join(fx.dir, 'roles', 'greeter')],
      extraArguments: ['-e', `target=${target}`, '-e', 'who=kiln'],
    });
    const ctx = fx.context();
    await runAnsibleLocal(config, ctx);
    expect(readFileSync(target, 'utf8')).toBe('hello from test kiln\n');
    expect(existsSync(config.stagingDirectory)).toBe(false);
    expect(ctx.lines.some((l) => l.startsWith('Executing Ansible: cd '))).toBe(true);
  });

  it("fails on a playbook with a syntax error, showing Ansible's own message", async () => {
    const playbook = write('broken.yml', '- hosts: all\n  tasks:\n    - copy: [unclosed\n');
    const ctx = fx.context();
    const error = await runAnsibleLocal(ansibleConfig({ playbookFile: playbook }), ctx).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/Error executing Ansible: Non-zero exit status: [1-9].*broken\.yml/);
    expect(ctx.lines.join('\n')).toMatch(/ERROR!.*(Syntax Error|yaml)/is);
  });
});

function puppetConfig(overrides: Partial<PuppetMasterlessConfig>): PuppetMasterlessConfig {
  const staging = join(fx.dir, `puppet-${Math.random().toString(36).slice(2)}`);
  return {
    type: 'puppet-masterless',
    manifestFile: '',
    manifestDir: undefined,
    modulePaths: [],
    hieraConfigPath: undefined,
    facter: {},
    extraArguments: [],
    executeCommand: undefined,
    stagingDirectory: staging,
    workingDirectory: staging,
    cleanStagingDirectory: true,
    ignoreExitCodes: false,
    preventSudo: true,
    puppetBinDir: '',
    ...overrides,
  };
}

describe('puppet-masterless over real SSH', () => {
  it('applies a manifest using a module and facter facts', async () => {
    const target = join(fx.dir, 'puppet-made.txt');
    write(
      'modules/kilntest/manifests/init.pp',
      `class kilntest($path) {\n  file { $path: content => "fact=\${facts['kiln_color']} build=\${facts['packer_build_name']}\\n" }\n}\n`,
    );
    const manifest = write('site.pp', `class { 'kilntest': path => '${target}' }\n`);
    const config = puppetConfig({
      manifestFile: manifest,
      modulePaths: [join(fx.dir, 'modules')],
      facter: { kiln_color: 'blue' },
      extraArguments: ['--color=false'],
    });
    const ctx = fx.context();
    await runPuppetMasterless(config, ctx);
    expect(readFileSync(target, 'utf8')).toBe('fact=blue build=test\n');
    expect(existsSync(config.stagingDirectory)).toBe(false);
    const ran = ctx.lines.find((l) => l.startsWith('Running Puppet: '));
    expect(ran).toContain(`FACTER_kiln_color='blue' FACTER_packer_build_name='test'`);
    expect(ran).toContain(`--modulepath='${config.stagingDirectory}/module-0'`);
  }, 60_000);
});
