// The remote `ansible` provisioner's configuration (Packer 1.6.6 provisioner/ansible), Ansible run on the
// build host and connecting straight to the machine's sshd (Packer's use_proxy: false).
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import type { ScriptCheckEnv } from '../../template/decode/check-scripts.js';
import { checkEnvironmentVars } from '../../template/decode/check-scripts.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';
import { checkLocalPath } from '../common/check-paths.js';

export interface AnsibleConfig {
  readonly type: 'ansible';
  readonly command: string;
  readonly extraArguments: readonly string[];
  /** KEY=VALUE, after Packer's own ANSIBLE_HOST_KEY_CHECKING / ANSIBLE_SCP_IF_SSH. */
  readonly ansibleEnvVars: readonly string[];
  readonly playbookFile: string;
  readonly ansibleSshExtraArgs: readonly string[];
  readonly groups: readonly string[];
  readonly emptyGroups: readonly string[];
  readonly hostAlias: string;
  /** undefined: the build's ssh_username. */
  readonly user: string | undefined;
  readonly skipVersionCheck: boolean;
  readonly inventoryDirectory: string | undefined;
  /** Unrendered: {{.HostAlias}}, {{.Host}}, {{.Port}}, {{.User}} are filled at run time. */
  readonly inventoryFileTemplate: string | undefined;
  /** A ready inventory; none is generated then. */
  readonly inventoryFile: string | undefined;
  readonly keepInventoryFile: boolean;
  readonly galaxyFile: string | undefined;
  readonly galaxyCommand: string;
  readonly galaxyForceInstall: boolean;
  readonly rolesPath: string | undefined;
  readonly collectionsPath: string | undefined;
}

const PROXY_ONLY =
  "it configures Packer's SSH proxy; Kiln's Ansible connects straight to the machine's forwarded SSH port (use_proxy: false)";

export const ANSIBLE_SCHEMA = {
  fields: {
    command: { kind: 'string' },
    extra_arguments: { kind: 'stringList' },
    ansible_env_vars: { kind: 'stringList' },
    playbook_file: { kind: 'string' },
    ansible_ssh_extra_args: { kind: 'stringList' },
    groups: { kind: 'stringList' },
    empty_groups: { kind: 'stringList' },
    host_alias: { kind: 'string' },
    user: { kind: 'string' },
    skip_version_check: { kind: 'bool' },
    use_sftp: { kind: 'bool', into: 'ansibleEnvVars' },
    inventory_directory: { kind: 'string' },
    inventory_file_template: { kind: 'string', raw: true },
    inventory_file: { kind: 'string' },
    keep_inventory_file: { kind: 'bool' },
    galaxy_file: { kind: 'string' },
    galaxy_command: { kind: 'string' },
    galaxy_force_install: { kind: 'bool' },
    roles_path: { kind: 'string' },
    collections_path: { kind: 'string' },
  },
  unsupported: {
    use_proxy: PROXY_ONLY,
    local_port: PROXY_ONLY,
    ssh_host_key_file: PROXY_ONLY,
    ssh_authorized_key_file: PROXY_ONLY,
    sftp_command: PROXY_ONLY,
  },
} as const;

export function resolveAnsibleConfig(
  raw: JsonObject,
  path: KeyPath,
  env: DecodeEnv & ScriptCheckEnv,
): AnsibleConfig {
  const f = readFields(decodeConfig(raw, ANSIBLE_SCHEMA, path, env));
  const playbookFile = f.string('playbook_file') ?? '';
  if (playbookFile === '') env.problems.add(path, 'playbook_file must be specified.');
  else checkLocalPath(playbookFile, 'file', 'playbook_file', `${path}.playbook_file`, env);
  const galaxyFile = f.string('galaxy_file') || undefined;
  if (galaxyFile !== undefined) checkLocalPath(galaxyFile, 'file', 'galaxy_file', `${path}.galaxy_file`, env);
  const inventoryDirectory = f.string('inventory_directory') || undefined;
  if (inventoryDirectory !== undefined)
    checkLocalPath(inventoryDirectory, 'dir', 'inventory_directory', `${path}.inventory_directory`, env);
  const inventoryFile = f.string('inventory_file') || undefined;
  if (inventoryFile !== undefined)
    checkLocalPath(inventoryFile, 'file', 'inventory_file', `${path}.inventory_file`, env);
  const userEnvVars = f.stringList('ansible_env_vars') ?? [];
  checkEnvironmentVars(userEnvVars, `${path}.ansible_env_vars`, env.problems);
  const useSftp = f.bool('use_sftp') ?? false;
  return {
    type: 'ansible',
    command: f.string('command') || 'ansible-playbook',
    extraArguments: f.stringList('extra_arguments') ?? [],
    ansibleEnvVars: [
      ...userEnvVars,
      'ANSIBLE_HOST_KEY_CHECKING=False',
      ...(useSftp ? [] : ['ANSIBLE_SCP_IF_SSH=True']),
    ],
    playbookFile,
    ansibleSshExtraArgs: f.stringList('ansible_ssh_extra_args') ?? [],
    groups: f.stringList('groups') ?? [],
    emptyGroups: f.stringList('empty_groups') ?? [],
    hostAlias: f.string('host_alias') || 'default',
    user: f.string('user') || undefined,
    skipVersionCheck: f.bool('skip_version_check') ?? false,
    inventoryDirectory,
    inventoryFileTemplate: f.string('inventory_file_template') || undefined,
    inventoryFile,
    keepInventoryFile: f.bool('keep_inventory_file') ?? false,
    galaxyFile,
    galaxyCommand: f.string('galaxy_command') || 'ansible-galaxy',
    galaxyForceInstall: f.bool('galaxy_force_install') ?? false,
    rolesPath: f.string('roles_path') || undefined,
    collectionsPath: f.string('collections_path') || undefined,
  };
}
