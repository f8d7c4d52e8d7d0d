// The remote `shell` provisioner as a registry entry.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { resolveShellConfig, SHELL_SCHEMA, type ShellProvisionerConfig } from './config.js';
import { runShellProvisioner } from './run.js';

export const shellProvisioner = {
  type: 'shell',
  schema: SHELL_SCHEMA,
  resolve: resolveShellConfig,
  run: runShellProvisioner,
} as const satisfies ProvisionerPlugin<'shell', ShellProvisionerConfig>;
