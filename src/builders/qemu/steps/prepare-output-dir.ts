// Refuses to overwrite an existing output directory unless -force; removes it again if the build fails.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { KilnError } from '../../../core/errors.js';
import type { Step } from '../../../core/runner.js';
import type { QemuBuildContext } from '../build-context.js';

export function prepareOutputDir(): Step<QemuBuildContext> {
  let created: string | undefined;
  return {
    name: 'prepare-output-dir',
    async run(ctx) {
      const dir = resolve(ctx.config.outputDirectory);
      if (existsSync(dir)) {
        if (!ctx.force) {
          throw new KilnError(`output directory '${ctx.config.outputDirectory}' already exists`, {
            code: 'output-exists',
            hint: 'remove it, choose another output_directory, or run with -force to replace it',
          });
        }
        ctx.ui.say(`Deleting previous output directory ${ctx.config.outputDirectory} (-force)`);
        await rm(dir, { recursive: true, force: true });
      }
      await mkdir(dir, { recursive: true });
      created = dir;
      ctx.state.outputDir = dir;
    },
    async cleanup(ctx, { outcome }) {
      if (!created || outcome === 'success') return;
      ctx.ui.message(`Deleting output directory ${ctx.config.outputDirectory} (build ${outcome})`);
      await rm(created, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}
