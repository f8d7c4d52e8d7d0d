// The remote `ansible` provisioner: runs ansible-playbook on the build host against the machine's forwarded
// sshd, with the build's login (key file, temporary key or password), as Packer 1.6.6 does with use_proxy: false.
import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { errorMessage, KilnError } from '../../core/errors.js';
import type { ProvisionContext, SshTarget } from '../../plugins/plugin.js';
import { runLocalTool } from '../common/run-local.js';
import { ansibleArgs, ansibleEnv, type Login } from './command.js';
import type { AnsibleConfig } from './config.js';
import { runGalaxy } from './galaxy.js';
import { inventoryText, writeInventory } from './inventory.js';

export async function runAnsible(config: AnsibleConfig, ctx: ProvisionContext): Promise<void> {
  ctx.ui.say('Provisioning with Ansible...');
  const target = ctx.sshTarget;
  if (target === undefined)
    throw new KilnError('the ansible provisioner needs the SSH communicator', {
      code: 'provisioner',
      hint: 'set "communicator": "ssh" in the builder',
    });
  const major = config.skipVersionCheck ? 2 : await ansibleMajorVersion(config.command);
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const login = await loginFor(target, cleanups);
    let inventory = config.inventoryFile;
    if (inventory === undefined) {
      const data = {
        HostAlias: config.hostAlias,
        Host: target.host,
        Port: target.port,
        User: config.user ?? target.username,
      };
      inventory = await writeInventory(
        inventoryText(config, data, major, ctx.render),
        config.inventoryDirectory,
      );
      const written = inventory;
      if (!config.keepInventoryFile)
        cleanups.push(() => rm(dirname(written), { recursive: true, force: true }));
    }
    if (config.galaxyFile !== undefined) await runGalaxy(config, ctx);
    const playbook = resolve(config.playbookFile);
    const args = ansibleArgs(config, ctx, login, inventory, playbook);
    ctx.ui.say(
      `Executing Ansible: ${[config.command, ...args].join(' ').replaceAll(login.password ?? '\0', '*****')}`,
    );
    const status = await runLocalTool({
      argv: [config.command, ...args],
      env: ansibleEnv(config),
      ui: ctx.ui,
      signal: ctx.signal,
    });
    if (status !== 0)
      throw new KilnError(
        `Error executing Ansible: Non-zero exit status: ${status} (playbook: ${config.playbookFile})`,
        {
          code: 'provisioner',
          hint: "see Ansible's output above",
        },
      );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/**
 * The key Ansible logs in with: ssh_private_key_file (checked readable now, so a bad path fails here rather
 * than as an unreachable host), else the temporary key written to a private file, else the password.
 */
async function loginFor(target: SshTarget, cleanups: (() => Promise<void>)[]): Promise<Login> {
  if (target.privateKeyFile !== undefined) {
    await access(target.privateKeyFile, constants.R_OK).catch((error: unknown) => {
      throw new KilnError(
        `cannot read the SSH private key ${target.privateKeyFile}: ${errorMessage(error)}`,
        {
          code: 'provisioner',
          hint: 'ssh_private_key_file must be readable by the user running Kiln',
          cause: error,
        },
      );
    });
    return { keyFile: target.privateKeyFile, password: undefined };
  }
  if (target.privateKey !== undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-ansible-key-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const keyFile = join(dir, 'id');
    await writeFile(keyFile, target.privateKey, { mode: 0o600 });
    return { keyFile, password: undefined };
  }
  return { keyFile: undefined, password: target.password };
}

/** Packer's version check: the first "<word> N.N" in `<command> --version`. */
async function ansibleMajorVersion(command: string): Promise<number> {
  let output: string;
  try {
    output = (await promisify(execFile)(command, ['--version'])).stdout;
  } catch (error) {
    throw new KilnError(`Error running "${command} --version": ${errorMessage(error)}`, {
      code: 'provisioner',
      hint: 'install Ansible on the build host (Debian: apt-get install ansible), or set skip_version_check',
      cause: error,
    });
  }
  const match = /\w (\d+)\.\d+[.\d+]*/.exec(output);
  if (match?.[1] === undefined)
    throw new KilnError(`Could not find ${command} version in output:\n${output}`, { code: 'provisioner' });
  return Number(match[1]);
}
