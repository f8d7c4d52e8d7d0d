// The `ansible-local` provisioner as a registry entry: Ansible runs on the machine itself.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { ANSIBLE_LOCAL_SCHEMA, type AnsibleLocalConfig, resolveAnsibleLocalConfig } from './config.js';
import { runAnsibleLocal } from './run.js';

export const ansibleLocalProvisioner = {
  type: 'ansible-local',
  schema: ANSIBLE_LOCAL_SCHEMA,
  resolve: resolveAnsibleLocalConfig,
  run: runAnsibleLocal,
} as const satisfies ProvisionerPlugin<'ansible-local', AnsibleLocalConfig>;
