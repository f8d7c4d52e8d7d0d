// The `file` provisioner as a registry entry.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { FILE_SCHEMA, type FileProvisionerConfig, resolveFileConfig } from './config.js';
import { runFileProvisioner } from './run.js';

export const fileProvisioner = {
  type: 'file',
  schema: FILE_SCHEMA,
  resolve: resolveFileConfig,
  run: runFileProvisioner,
} as const satisfies ProvisionerPlugin<'file', FileProvisionerConfig>;
