// `puppet-masterless`: stages the manifest(s), modules and hiera config on the machine and runs `puppet apply`
// there through execute_command (Packer 1.6.6: exit codes 0 and 2 mean success with --detailed-exitcodes).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { shellQuote } from '../../communicators/communicator.js';
import { KilnError } from '../../core/errors.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { runRemote, runRemoteChecked } from '../common/remote-command.js';
import { uploadTree } from '../common/remote-tree.js';
import type { PuppetMasterlessConfig } from './config.js';

export async function runPuppetMasterless(
  config: PuppetMasterlessConfig,
  ctx: ProvisionContext,
): Promise<void> {
  const staging = config.stagingDirectory;
  const sudo = config.preventSudo ? '' : 'sudo ';
  const createDir = async (dir: string): Promise<void> => {
    ctx.ui.message(`Creating directory: ${dir}`);
    await runRemoteChecked(ctx, `${sudo}mkdir -p ${shellQuote(dir)}`, `creating directory ${dir}`);
    await runRemoteChecked(ctx, `${sudo}chmod 0777 ${shellQuote(dir)}`, `making ${dir} writable`);
  };
  const uploadDir = async (local: string, remote: string): Promise<void> => {
    await createDir(remote);
    await uploadTree(ctx, local, remote);
  };
  ctx.ui.say('Provisioning with Puppet...');
  ctx.ui.message('Creating Puppet staging directory...');
  await createDir(staging);
  let hieraConfigPath = '';
  if (config.hieraConfigPath !== undefined) {
    ctx.ui.message('Uploading hiera configuration...');
    hieraConfigPath = `${staging}/hiera.yaml`;
    await ctx.communicator.upload(config.hieraConfigPath, hieraConfigPath, { signal: ctx.signal });
  }
  let manifestDir = '';
  if (config.manifestDir !== undefined) {
    ctx.ui.message(`Uploading manifest directory from: ${config.manifestDir}`);
    manifestDir = `${staging}/manifests`;
    await uploadDir(config.manifestDir, manifestDir);
  }
  const modulePaths: string[] = [];
  for (const [i, local] of config.modulePaths.entries()) {
    ctx.ui.message(`Uploading local modules from: ${local}`);
    const remote = `${staging}/module-${i}`;
    await uploadDir(local, remote);
    modulePaths.push(remote);
  }
  ctx.ui.message('Uploading manifests...');
  const manifests = `${staging}/manifests`;
  await createDir(manifests);
  let manifestFile: string;
  if ((await stat(config.manifestFile)).isDirectory()) {
    ctx.ui.message(`Uploading manifest directory from: ${config.manifestFile}`);
    await uploadDir(config.manifestFile, manifests);
    manifestFile = manifests;
  } else {
    ctx.ui.message(`Uploading manifest file from: ${config.manifestFile}`);
    manifestFile = `${manifests}/${basename(config.manifestFile)}`;
    await ctx.communicator.upload(config.manifestFile, manifestFile, { signal: ctx.signal });
  }
  const data = {
    WorkingDir: config.workingDirectory,
    FacterVars: facterVars(config.facter, ctx),
    Sudo: config.preventSudo ? '' : 'true',
    PuppetBinDir: config.puppetBinDir,
    Debug: '',
    ModulePath: modulePaths.join(':'),
    ModulePathJoiner: ':',
    HieraConfigPath: hieraConfigPath,
    ManifestDir: manifestDir,
    ManifestFile: manifestFile,
    ExtraArguments: '',
  };
  const filled = { ...data, ExtraArguments: ctx.render(config.extraArguments.join(' '), data) };
  const command =
    config.executeCommand === undefined ? defaultCommand(filled) : ctx.render(config.executeCommand, filled);
  ctx.ui.message(`Running Puppet: ${command}`);
  const { status } = await runRemote(ctx, command);
  if (status !== 0 && status !== 2 && !config.ignoreExitCodes)
    throw new KilnError(
      `Puppet exited with a non-zero exit status: ${status} (manifest: ${config.manifestFile})`,
      {
        code: 'provisioner',
        hint: "see Puppet's output above; set ignore_exit_codes to go on regardless",
      },
    );
  if (config.cleanStagingDirectory)
    await runRemoteChecked(ctx, `${sudo}rm -rf ${shellQuote(staging)}`, 'removing the staging directory');
}

/** Packer 1.6.6's Unix execute_command, each `{{if}}` part present only when its value is set. */
function defaultCommand(d: Readonly<Record<string, string>>): string {
  const when = (value: string | undefined, text: string): string => (value ? text : '');
  return (
    `cd ${d.WorkingDir} && ` +
    when(d.FacterVars, `${d.FacterVars} `) +
    when(d.Sudo, 'sudo -E ') +
    when(d.PuppetBinDir, `${d.PuppetBinDir}/`) +
    'puppet apply --detailed-exitcodes ' +
    when(d.Debug, '--debug ') +
    when(d.ModulePath, `--modulepath='${d.ModulePath}' `) +
    when(d.HieraConfigPath, `--hiera_config='${d.HieraConfigPath}' `) +
    when(d.ManifestDir, `--manifestdir='${d.ManifestDir}' `) +
    when(d.ExtraArguments, `${d.ExtraArguments} `) +
    d.ManifestFile
  );
}

/** FACTER_name='value' for each fact, Packer's two build facts included, sorted by name. */
function facterVars(facter: Readonly<Record<string, string>>, ctx: ProvisionContext): string {
  const facts: Record<string, string> = {
    ...facter,
    packer_build_name: ctx.buildName,
    packer_builder_type: ctx.builderType,
  };
  return Object.keys(facts)
    .sort()
    .map((name) => `FACTER_${name}='${facts[name]}'`)
    .join(' ');
}
