// Packer's `checksum` post-processor as a registry entry.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { CHECKSUM_SCHEMA, type ChecksumConfig, resolveChecksumConfig } from './config.js';
import { runChecksum } from './run.js';

export const checksumPostProcessor = {
  type: 'checksum',
  schema: CHECKSUM_SCHEMA,
  resolve: resolveChecksumConfig,
  run(config, input, ctx) {
    const data = { BuildName: ctx.buildName, BuilderType: ctx.builderType };
    return runChecksum(config, input, {
      ui: ctx.ui,
      signal: ctx.signal,
      outputFor: (type) => ctx.render(config.output, { ...data, ChecksumType: type }),
    });
  },
} as const satisfies PostProcessorPlugin<'checksum', ChecksumConfig>;
