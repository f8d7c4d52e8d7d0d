// `ansible-local`: stages the playbook(s), roles, vars, inventory and galaxy file in a directory on the
// machine, then runs ansible-playbook there with `-c local` (Packer 1.6.6's order, commands and messages).
import { basename, resolve, sep } from 'node:path';
import { shellQuote } from '../../communicators/communicator.js';
import { KilnError } from '../../core/errors.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { runRemote, runRemoteChecked } from '../common/remote-command.js';
import { uploadTree } from '../common/remote-tree.js';
import type { AnsibleLocalConfig } from './config.js';

export async function runAnsibleLocal(config: AnsibleLocalConfig, ctx: ProvisionContext): Promise<void> {
  const staging = config.stagingDirectory;
  const upload = async (local: string | Buffer, name: string): Promise<void> =>
    ctx.communicator.upload(local, `${staging}/${name}`, { signal: ctx.signal });
  ctx.ui.say('Provisioning with Ansible...');
  if (config.playbookDir !== undefined) {
    ctx.ui.message('Uploading Playbook directory to Ansible staging directory...');
    await uploadTree(ctx, config.playbookDir, staging);
  } else {
    ctx.ui.message('Creating Ansible staging directory...');
    await runRemoteChecked(ctx, `mkdir -p ${shellQuote(staging)}`, 'creating the staging directory');
  }
  const playbooks = await stagePlaybooks(config, ctx);
  if (config.galaxyFile !== undefined) {
    ctx.ui.message('Uploading galaxy file...');
    await upload(config.galaxyFile, basename(config.galaxyFile));
  }
  ctx.ui.message('Uploading inventory file...');
  const inventoryName =
    config.inventoryFile !== undefined ? basename(config.inventoryFile) : 'packer-provisioner-ansible-local';
  await upload(config.inventoryFile ?? Buffer.from(defaultInventory(config.inventoryGroups)), inventoryName);
  const trees: [string | undefined, string, string][] = [
    [config.groupVars, 'group_vars', 'Uploading group_vars directory...'],
    [config.hostVars, 'host_vars', 'Uploading host_vars directory...'],
  ];
  for (const [local, name, message] of trees) {
    if (local === undefined) continue;
    ctx.ui.message(message);
    await uploadTree(ctx, local, `${staging}/${name}`);
  }
  if (config.rolePaths.length > 0) ctx.ui.message('Uploading role directories...');
  for (const role of config.rolePaths) await uploadTree(ctx, role, `${staging}/roles/${basename(role)}`);
  if (config.playbookPaths.length > 0) ctx.ui.message('Uploading additional Playbooks...');
  for (const dir of config.playbookPaths) await uploadTree(ctx, dir, `${staging}/playbooks/${basename(dir)}`);
  if (config.galaxyFile !== undefined) await runGalaxy(config, ctx);
  for (const playbook of playbooks) await runPlaybook(config, ctx, playbook, `${staging}/${inventoryName}`);
  if (config.cleanStagingDirectory) {
    ctx.ui.message('Removing staging directory...');
    await runRemoteChecked(ctx, `rm -rf ${shellQuote(staging)}`, 'removing the staging directory');
  }
}

/** Packer's inventory: the machine itself, in each of `inventory_groups`. */
function defaultInventory(groups: readonly string[]): string {
  return groups.length === 0 ? '127.0.0.1' : groups.map((g) => `[${g}]\n127.0.0.1\n`).join('');
}

/**
 * Uploads `playbook_file` beside the inventory, or each of `playbook_files` at its absolute path under the
 * staging directory (one already inside `playbook_dir` is not uploaded again). Returns the remote paths.
 */
async function stagePlaybooks(config: AnsibleLocalConfig, ctx: ProvisionContext): Promise<string[]> {
  const staging = config.stagingDirectory;
  if (config.playbookFile !== undefined) {
    ctx.ui.message('Uploading main Playbook file...');
    const remote = `${staging}/${basename(config.playbookFile)}`;
    await ctx.communicator.upload(config.playbookFile, remote, { signal: ctx.signal });
    return [remote];
  }
  const playbookDir = config.playbookDir === undefined ? undefined : resolve(config.playbookDir) + sep;
  const remotes: string[] = [];
  for (const file of config.playbookFiles.map((f) => resolve(f))) {
    if (playbookDir !== undefined && file.startsWith(playbookDir)) {
      remotes.push(`${staging}/${file.slice(playbookDir.length)}`);
      continue;
    }
    ctx.ui.message(`Uploading playbook file: ${file}`);
    const remote = `${staging}${file}`;
    await runRemoteChecked(
      ctx,
      `mkdir -p ${shellQuote(remote.slice(0, remote.lastIndexOf('/')))}`,
      `uploading playbook file ${file}`,
    );
    await ctx.communicator.upload(file, remote, { signal: ctx.signal });
    remotes.push(remote);
  }
  return remotes;
}

async function runGalaxy(config: AnsibleLocalConfig, ctx: ProvisionContext): Promise<void> {
  const staging = config.stagingDirectory;
  const galaxyFile = `${staging}/${basename(config.galaxyFile ?? '')}`;
  const command = `cd ${shellQuote(staging)} && ${config.galaxyCommand} install -r ${shellQuote(galaxyFile)} -p ${shellQuote(`${staging}/roles`)}`;
  ctx.ui.message(`Executing Ansible Galaxy: ${command}`);
  const { status } = await runRemote(ctx, command);
  if (status !== 0)
    throw new KilnError(`Error executing Ansible Galaxy: Non-zero exit status: ${status}`, {
      code: 'provisioner',
    });
}

async function runPlaybook(
  config: AnsibleLocalConfig,
  ctx: ProvisionContext,
  playbook: string,
  inventory: string,
): Promise<void> {
  const vars = [
    `packer_build_name=${ctx.buildName}`,
    `packer_builder_type=${ctx.builderType}`,
    ...(ctx.httpAddr === undefined ? [] : [`packer_http_addr=${ctx.httpAddr}`]),
  ].join(' ');
  const extra = config.extraArguments.length > 0 ? ` ${config.extraArguments.join(' ')}` : '';
  const command = `cd ${shellQuote(config.stagingDirectory)} && ${config.command} ${shellQuote(playbook)} --extra-vars "${vars}"${extra} -c local -i ${shellQuote(inventory)}`;
  ctx.ui.message(`Executing Ansible: ${command}`);
  const { status } = await runRemote(ctx, command);
  if (status === 0) return;
  if (status === 127)
    throw new KilnError(
      `Error executing Ansible: ${config.command} could not be found. Verify that it is available on the PATH after connecting to the machine.`,
      { code: 'provisioner', hint: 'install Ansible on the machine first (e.g. with a shell provisioner)' },
    );
  throw new KilnError(`Error executing Ansible: Non-zero exit status: ${status} (playbook: ${playbook})`, {
    code: 'provisioner',
    hint: "see Ansible's output above",
  });
}
