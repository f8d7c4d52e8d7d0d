// Kiln's `convert` post-processor as a registry entry: the build's disk in another format.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { CONVERT_SCHEMA, type ConvertConfig, resolveConvertConfig } from './config.js';
import { runConvert } from './run.js';

export const convertPostProcessor = {
  type: 'convert',
  schema: CONVERT_SCHEMA,
  resolve: resolveConvertConfig,
  run(config, input, ctx) {
    const data = { BuildName: ctx.buildName, BuilderType: ctx.builderType };
    const output = config.output === undefined ? undefined : ctx.render(config.output, data);
    return runConvert(input, { ...config, output }, ctx.ui, ctx.signal);
  },
} as const satisfies PostProcessorPlugin<'convert', ConvertConfig>;
