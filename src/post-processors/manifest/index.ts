// Packer's `manifest` post-processor as a registry entry.
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import { MANIFEST_SCHEMA, type ManifestConfig, resolveManifestConfig } from './config.js';
import { runManifest } from './run.js';

export const manifestPostProcessor = {
  type: 'manifest',
  schema: MANIFEST_SCHEMA,
  resolve: resolveManifestConfig,
  run(config, input, ctx) {
    const data = { BuildName: ctx.buildName, BuilderType: ctx.builderType };
    const customData =
      config.customData &&
      Object.fromEntries(Object.entries(config.customData).map(([k, v]) => [k, ctx.render(v, data)]));
    return runManifest(config, input, {
      ...ctx,
      output: ctx.render(config.output, data),
      customData,
      now: () => Math.floor(Date.now() / 1000),
    });
  },
} as const satisfies PostProcessorPlugin<'manifest', ManifestConfig>;
