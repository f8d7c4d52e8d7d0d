// Kiln's `ova` post-processor as a registry entry: an OVA that VirtualBox, VMware and virt-v2v import.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { OVA_SCHEMA, type OvaConfig, resolveOvaConfig } from './config.js';
import { runOva } from './run.js';

export const ovaPostProcessor = {
  type: 'ova',
  schema: OVA_SCHEMA,
  resolve: resolveOvaConfig,
  run(config, input, ctx) {
    const data = { BuildName: ctx.buildName, BuilderType: ctx.builderType };
    const output = config.output === undefined ? undefined : ctx.render(config.output, data);
    return runOva(config, input, { ui: ctx.ui, signal: ctx.signal, log: ctx.log.scoped('qemu-img'), output });
  },
} as const satisfies PostProcessorPlugin<'ova', OvaConfig>;
