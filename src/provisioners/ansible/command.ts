// ansible-playbook's arguments and environment, in Packer 1.6.6's order (createCmdArgs).
import type { ProvisionContext } from '../../plugins/plugin.js';
import type { AnsibleConfig } from './config.js';

export interface Login {
  keyFile: string | undefined;
  password: string | undefined;
}

export function ansibleArgs(
  config: AnsibleConfig,
  ctx: ProvisionContext,
  login: Login,
  inventory: string,
  playbook: string,
): string[] {
  const args = ['-e', `packer_build_name=${JSON.stringify(ctx.buildName)}`];
  args.push('-e', `packer_builder_type=${ctx.builderType}`);
  if (ctx.httpAddr !== undefined) args.push('-e', `packer_http_addr=${ctx.httpAddr}`);
  if (login.keyFile !== undefined) {
    const sshExtra =
      config.ansibleSshExtraArgs.length > 0 ? config.ansibleSshExtraArgs.join('') : '-o IdentitiesOnly=yes';
    args.push('--ssh-extra-args', `'${sshExtra}'`);
  }
  args.push(...config.extraArguments);
  if (login.password !== undefined && !mentions('ansible_password', args))
    args.push('-e', `ansible_password=${login.password}`);
  if (!mentions('ansible_password', args) && login.keyFile !== undefined)
    args.push('-e', `ansible_ssh_private_key_file=${login.keyFile}`);
  if (mentions('ansible_password', args) && !mentions('ansible_host_key_checking', args))
    args.push('-e', 'ansible_host_key_checking=False');
  args.push('-i', inventory, playbook);
  return args;
}

function mentions(name: string, args: readonly string[]): boolean {
  return args.some((arg) => arg.includes(name));
}

/** ansible_env_vars over the inherited environment; later entries win, as with Go's exec. */
export function ansibleEnv(config: AnsibleConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of config.ansibleEnvVars) {
    const at = kv.indexOf('=');
    env[kv.slice(0, at)] = kv.slice(at + 1);
  }
  return env;
}
