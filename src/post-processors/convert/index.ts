// Kiln's `convert` post-processor as a registry entry: the build's disk in one or several other formats.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { CONVERT_SCHEMA, type ConvertConfig, resolveConvertConfig } from './config.js';
import { runConvert } from './run.js';

export const convertPostProcessor = {
  type: 'convert',
  schema: CONVERT_SCHEMA,
  resolve: resolveConvertConfig,
  run(config, input, ctx) {
    const data = { BuildName: ctx.buildName, BuilderType: ctx.builderType };
    const { output } = config;
    return runConvert(input, config, {
      ui: ctx.ui,
      signal: ctx.signal,
      log: ctx.log.scoped('qemu-img'),
      outputFor: (format) =>
        output === undefined ? undefined : ctx.render(output, { ...data, Format: format }),
    });
  },
} as const satisfies PostProcessorPlugin<'convert', ConvertConfig>;
