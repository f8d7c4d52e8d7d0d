// The `shell-local` provisioner as a registry entry: runs on the build host with the build's PACKER_* variables.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { resolveShellLocalConfig, SHELL_LOCAL_SCHEMA, type ShellLocalConfig } from './config.js';
import { runShellLocal } from './run.js';

export const shellLocalProvisioner = {
  type: 'shell-local',
  schema: SHELL_LOCAL_SCHEMA,
  resolve: (raw, path, env) => resolveShellLocalConfig(raw, path, env, false),
  run: (config, ctx) => runShellLocal(config, { ...ctx, label: 'shell-local provisioner' }),
  localInputs: (config) => config.scripts,
} as const satisfies ProvisionerPlugin<'shell-local', ShellLocalConfig>;
