// The `puppet-masterless` provisioner as a registry entry: `puppet apply` on the machine itself.
import type { ProvisionerPlugin } from '../../plugins/plugin.js';
import {
  PUPPET_MASTERLESS_SCHEMA,
  type PuppetMasterlessConfig,
  resolvePuppetMasterlessConfig,
} from './config.js';
import { runPuppetMasterless } from './run.js';

export const puppetMasterlessProvisioner = {
  type: 'puppet-masterless',
  schema: PUPPET_MASTERLESS_SCHEMA,
  resolve: resolvePuppetMasterlessConfig,
  run: runPuppetMasterless,
} as const satisfies ProvisionerPlugin<'puppet-masterless', PuppetMasterlessConfig>;
