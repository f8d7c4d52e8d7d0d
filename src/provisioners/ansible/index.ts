// The remote `ansible` provisioner as a registry entry: ansible-playbook on the build host.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { ANSIBLE_SCHEMA, type AnsibleConfig, resolveAnsibleConfig } from './config.js';
import { runAnsible } from './run.js';

export const ansibleProvisioner = {
  type: 'ansible',
  schema: ANSIBLE_SCHEMA,
  resolve: resolveAnsibleConfig,
  run: runAnsible,
} as const satisfies ProvisionerPlugin<'ansible', AnsibleConfig>;
