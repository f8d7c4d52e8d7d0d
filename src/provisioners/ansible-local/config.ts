// The `ansible-local` provisioner's configuration (Packer 1.6.6 provisioner/ansible-local defaults and checks).
import { randomUUID } from 'node:crypto';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import type { ScriptCheckEnv } from '../../template/decode/check-scripts.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';
import { checkLocalPath } from '../common/check-paths.js';

export interface AnsibleLocalConfig {
  readonly type: 'ansible-local';
  /** Run on the machine before the playbook path; Packer's default sets colour and unbuffered output. */
  readonly command: string;
  readonly extraArguments: readonly string[];
  readonly groupVars: string | undefined;
  readonly hostVars: string | undefined;
  readonly playbookDir: string | undefined;
  readonly playbookFile: string | undefined;
  readonly playbookFiles: readonly string[];
  readonly playbookPaths: readonly string[];
  readonly rolePaths: readonly string[];
  readonly stagingDirectory: string;
  readonly cleanStagingDirectory: boolean;
  readonly inventoryFile: string | undefined;
  readonly inventoryGroups: readonly string[];
  readonly galaxyFile: string | undefined;
  readonly galaxyCommand: string;
}

export const ANSIBLE_LOCAL_SCHEMA = {
  fields: {
    command: { kind: 'string' },
    extra_arguments: { kind: 'stringList' },
    group_vars: { kind: 'string' },
    host_vars: { kind: 'string' },
    playbook_dir: { kind: 'string' },
    playbook_file: { kind: 'string' },
    playbook_files: { kind: 'stringList' },
    playbook_paths: { kind: 'stringList' },
    role_paths: { kind: 'stringList' },
    staging_directory: { kind: 'string' },
    clean_staging_directory: { kind: 'bool' },
    inventory_file: { kind: 'string' },
    inventory_groups: { kind: 'stringList' },
    galaxy_file: { kind: 'string' },
    galaxy_command: { kind: 'string' },
  },
} as const;

export function resolveAnsibleLocalConfig(
  raw: JsonObject,
  path: KeyPath,
  env: DecodeEnv & ScriptCheckEnv,
): AnsibleLocalConfig {
  const f = readFields(decodeConfig(raw, ANSIBLE_LOCAL_SCHEMA, path, env));
  const optional = (key: string, kind: 'file' | 'dir'): string | undefined => {
    const value = f.string(key) || undefined;
    if (value !== undefined) checkLocalPath(value, kind, key, `${path}.${key}`, env);
    return value;
  };
  const list = (key: string, kind: 'file' | 'dir'): string[] => {
    const values = f.stringList(key) ?? [];
    for (const [i, value] of values.entries()) checkLocalPath(value, kind, key, `${path}.${key}[${i}]`, env);
    return values;
  };
  const playbookFile = optional('playbook_file', 'file');
  const playbookFiles = list('playbook_files', 'file');
  if (playbookFile !== undefined && playbookFiles.length > 0)
    env.problems.add(path, 'Either playbook_file or playbook_files can be specified, not both');
  if (playbookFile === undefined && playbookFiles.length === 0)
    env.problems.add(path, 'Either playbook_file or playbook_files must be specified');
  return {
    type: 'ansible-local',
    command: f.string('command') || 'ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook',
    extraArguments: f.stringList('extra_arguments') ?? [],
    groupVars: optional('group_vars', 'dir'),
    hostVars: optional('host_vars', 'dir'),
    playbookDir: optional('playbook_dir', 'dir'),
    playbookFile,
    playbookFiles,
    playbookPaths: list('playbook_paths', 'dir'),
    rolePaths: list('role_paths', 'dir'),
    stagingDirectory:
      f.string('staging_directory') || `/tmp/packer-provisioner-ansible-local/${randomUUID()}`,
    cleanStagingDirectory: f.bool('clean_staging_directory') ?? false,
    inventoryFile: optional('inventory_file', 'file'),
    inventoryGroups: f.stringList('inventory_groups') ?? [],
    galaxyFile: optional('galaxy_file', 'file'),
    galaxyCommand: f.string('galaxy_command') || 'ansible-galaxy',
  };
}
