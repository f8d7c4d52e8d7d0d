// Packer's `compress` post-processor as a registry entry: the artifact's files in one archive.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { COMPRESS_SCHEMA, type CompressConfig, resolveCompressConfig } from './config.js';
import { runCompress } from './run.js';

export const compressPostProcessor = {
  type: 'compress',
  schema: COMPRESS_SCHEMA,
  resolve: resolveCompressConfig,
  run(config, input, ctx) {
    const output = ctx.render(config.output, { BuildName: ctx.buildName, BuilderType: ctx.builderType });
    return runCompress(input, config, output, ctx);
  },
} as const satisfies PostProcessorPlugin<'compress', CompressConfig>;
