// Packer's `vagrant` post-processor as a registry entry: a .box for vagrant-libvirt or VirtualBox.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { resolveVagrantConfig, VAGRANT_SCHEMA, type VagrantConfig } from './config.js';
import { runVagrant } from './run.js';

export const vagrantPostProcessor = {
  type: 'vagrant',
  schema: VAGRANT_SCHEMA,
  resolve: resolveVagrantConfig,
  run: (config, input, ctx) => runVagrant(input, config, ctx),
} as const satisfies PostProcessorPlugin<'vagrant', VagrantConfig>;
