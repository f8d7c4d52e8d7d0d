// The remote ansible provisioner for real: ansible-playbook on this host logs in to the loopback sshd with
// the build's key, as it would to a VM's forwarded port; each playbook must change a file the test reads.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnsibleConfig } from '../../src/provisioners/ansible/config.js';
import { runAnsible } from '../../src/provisioners/ansible/run.js';
import { runProvisioner } from '../../src/registry/run-provisioner.js';
import { type ProvisionFixture, startProvisionFixture } from './provision-fixture.js';

let fx: ProvisionFixture;
beforeAll(async () => {
  fx = await startProvisionFixture();
});
afterAll(async () => {
  await fx?.stop();
});

function config(overrides: Partial<AnsibleConfig>): AnsibleConfig {
  return {
    type: 'ansible',
    command: 'ansible-playbook',
    extraArguments: [],
    // No lingering ControlPersist master from one test into the next.
    ansibleEnvVars: [
      'ANSIBLE_SSH_ARGS=-o ControlMaster=no',
      'ANSIBLE_HOST_KEY_CHECKING=False',
      'ANSIBLE_SCP_IF_SSH=True',
    ],
    playbookFile: '',
    ansibleSshExtraArgs: [],
    groups: [],
    emptyGroups: [],
    hostAlias: 'default',
    user: undefined,
    skipVersionCheck: false,
    inventoryDirectory: undefined,
    inventoryFileTemplate: undefined,
    inventoryFile: undefined,
    keepInventoryFile: false,
    galaxyFile: undefined,
    galaxyCommand: 'ansible-galaxy',
    galaxyForceInstall: false,
    rolesPath: undefined,
    collectionsPath: undefined,
    ...overrides,
  };
}

function write(name: string, text: string): string {
  const path = join(fx.dir, name);
  writeFileSync(path, text);
  return path;
}

const inventories = () => readdirSync(tmpdir()).filter((n) => n.startsWith('packer-provisioner-ansible'));

describe('ansible provisioner over real SSH', () => {
  it('runs a playbook against the machine in its groups, with the build variables and inventory template', async () => {
    const invDir = join(fx.dir, 'inv');
    mkdirSync(invDir);
    const target = join(fx.dir, 'from-ansible.txt');
    const playbook = write(
      'remote.yml',
      [
        '- hosts: web',
        '  gather_facts: false',
        '  tasks:',
        '    - copy:',
        `        dest: ${target}`,
        '        content: "{{ packer_build_name }} {{ packer_builder_type }} {{ inventory_hostname }} {{ ansible_user }} {{ flavour }} {{ marker }}\\n"',
        '',
      ].join('\n'),
    );
    const ctx = fx.context();
    await runAnsible(
      config({
        playbookFile: playbook,
        groups: ['web'],
        hostAlias: 'kilnbox',
        extraArguments: ['-e', 'flavour=mint'],
        inventoryDirectory: invDir,
        keepInventoryFile: true,
        inventoryFileTemplate:
          '{{ .HostAlias }} ansible_host={{ .Host }} ansible_port={{ .Port }} ansible_user={{ .User }} marker=tpl\n',
      }),
      ctx,
    );
    expect(readFileSync(target, 'utf8')).toBe('test qemu kilnbox root mint tpl\n');
    expect(ctx.said.find((s) => s.startsWith('Executing Ansible: '))).toMatch(
      /--ssh-extra-args '-o IdentitiesOnly=yes' -e flavour=mint -e ansible_ssh_private_key_file=\S+id_ed25519 -i \S+ \S+remote\.yml$/,
    );
    const [kept] = readdirSync(invDir);
    const host = `kilnbox ansible_host=127.0.0.1 ansible_port=${fx.sshd.port} ansible_user=root marker=tpl\n`;
    expect(readFileSync(join(invDir, kept ?? '', 'inventory'), 'utf8')).toBe(`${host}[web]\n${host}`);
  }, 60_000);

  it('removes the inventory it wrote unless asked to keep it', async () => {
    const playbook = write('nothing.yml', '- hosts: all\n  gather_facts: false\n  tasks: []\n');
    const before = inventories();
    await runAnsible(config({ playbookFile: playbook }), fx.context());
    expect(inventories()).toEqual(before);
  }, 60_000);

  it("fails on a playbook with a syntax error, showing Ansible's own message", async () => {
    const playbook = write('syntax.yml', '- hosts: all\n  tasks:\n    - copy: [unclosed\n');
    const ctx = fx.context();
    await expect(runAnsible(config({ playbookFile: playbook }), ctx)).rejects.toThrow(
      /Error executing Ansible: Non-zero exit status: 4 \(playbook: .*syntax\.yml\)/,
    );
    expect(ctx.lines.join('\n')).toMatch(/ERROR!.*Syntax Error/is);
  }, 60_000);

  it('fails before running Ansible when the private key cannot be read', async () => {
    const playbook = write('never.yml', '- hosts: all\n  tasks: []\n');
    const ctx = fx.context();
    const target = { ...(ctx.sshTarget ?? fail()), privateKeyFile: join(fx.dir, 'missing-key') };
    await expect(
      runAnsible(config({ playbookFile: playbook }), { ...ctx, sshTarget: target }),
    ).rejects.toThrow(/cannot read the SSH private key .*missing-key: ENOENT/);
    expect(ctx.said.some((s) => s.startsWith('Executing Ansible'))).toBe(false);
  });

  it('logs in with the build password through -e ansible_password, masked where the command is shown', async () => {
    const echo = write('echo-ansible-playbook', '#!/bin/sh\nfor a in "$@"; do echo "arg: $a"; done\n');
    chmodSync(echo, 0o755);
    const ctx = fx.context();
    const target = { ...(ctx.sshTarget ?? fail()), privateKeyFile: undefined, password: 's3cret' };
    const playbook = write('pw.yml', '[]\n');
    await runAnsible(config({ playbookFile: playbook, command: echo, skipVersionCheck: true }), {
      ...ctx,
      sshTarget: target,
    });
    expect(ctx.lines).toContain('arg: ansible_password=s3cret');
    expect(ctx.lines).toContain('arg: ansible_host_key_checking=False');
    expect(ctx.lines.some((l) => l.includes('ssh-extra-args'))).toBe(false);
    const shown = ctx.said.find((s) => s.startsWith('Executing Ansible: ')) ?? '';
    expect(shown).toContain('-e ansible_password=*****');
    expect(shown).not.toContain('s3cret');
  });

  it('stops Ansible and all it started when the provisioner times out, and names the provisioner', async () => {
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.5`;
    // A stand-in for ansible-playbook that never returns and leaves a grandchild of its own.
    const fake = write('fake-ansible-playbook', `#!/bin/sh\nsleep ${marker} &\nsleep ${marker}\n`);
    chmodSync(fake, 0o755);
    const provisioner = {
      type: 'ansible' as const,
      config: config({ playbookFile: write('hang.yml', '[]\n'), command: fake, skipVersionCheck: true }),
      only: [],
      except: [],
      applies: true,
      pauseBeforeMs: 0,
      maxRetries: 0,
      timeoutMs: 1_500,
      path: 'provisioners[3]',
    };
    await expect(runProvisioner(provisioner, fx.context())).rejects.toThrow(
      /ansible provisioner \(provisioners\[3\]\): provisioner timed out after 1\.5s/,
    );
    expect(processesMatching(`sleep ${marker}`)).toEqual([]);
  });
});

function processesMatching(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

function fail(): never {
  throw new Error('the fixture has no SSH target');
}
