// The remote `shell` provisioner as a registry entry.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { resolveShellConfig, SHELL_SCHEMA, type ShellProvisionerConfig } from './config.js';
import { runShellProvisioner } from './run.js';

export const shellProvisioner = {
  type: 'shell',
  schema: SHELL_SCHEMA,
  resolve: resolveShellConfig,
  run: runShellProvisioner,
  // The inline commands are part of the definition; the scripts are uploaded.
  localInputs: (config) => config.scripts,
} as const satisfies ProvisionerPlugin<'shell', ShellProvisionerConfig>;
