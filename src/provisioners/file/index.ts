// The `file` provisioner as a registry entry.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import { FILE_SCHEMA, type FileProvisionerConfig, resolveFileConfig } from './config.js';
import { runFileProvisioner } from './run.js';

export const fileProvisioner = {
  type: 'file',
  schema: FILE_SCHEMA,
  resolve: resolveFileConfig,
  run: runFileProvisioner,
  // A download changes the host, not the guest: nothing of the host's goes in.
  localInputs: (config) => (config.direction === 'upload' ? config.sources : []),
} as const satisfies ProvisionerPlugin<'file', FileProvisionerConfig>;
