// Creates the VM's disk(s) with qemu-img under a partial name; rename-artifacts gives them their final name.
import { join } from 'node:path';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { buildCreateDiskArgs, runQemuImg } from '../qemu-img.js';

export const PARTIAL_SUFFIX = '.kiln-partial';

export function createDisk(): Step<QemuBuildContext> {
  return {
    name: 'create-disk',
    async run(ctx, signal) {
      const outputDir = need(ctx.state, 'outputDir');
      const { vmName, format, diskSize, diskAdditionalSize, qemuImgArgs } = ctx.config;
      const names = [vmName, ...diskAdditionalSize.map((_, i) => `${vmName}-${i + 1}`)];
      const sizes = [diskSize, ...diskAdditionalSize];
      const finals = names.map((name) => join(outputDir, name));
      ctx.state.finalDiskPaths = finals;
      const partials = finals.map((path) => `${path}${PARTIAL_SUFFIX}`);
      ctx.ui.say(`Creating ${format} disk ${vmName} (${sizes[0]})`);
      for (const [i, path] of partials.entries()) {
        await runQemuImg(buildCreateDiskArgs(format, qemuImgArgs.create, path, sizes[i] as string), {
          signal,
        });
      }
      ctx.state.diskPath = partials[0];
      ctx.state.additionalDiskPaths = partials.slice(1);
    },
  };
}
