// Creates the VM's disk(s) with qemu-img under a partial name; rename-artifacts gives them their final name.
import { join } from 'node:path';
import { PARTIAL_SUFFIX } from '../../../core/partial-file.js';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function createDisk(): Step<QemuBuildContext> {
  return {
    name: 'create-disk',
    async run(ctx, signal) {
      const { format, diskSize, diskAdditionalSize, qemuImgArgs, vmName } = ctx.config;
      const partials = planDisks(ctx);
      ctx.ui.say(`Creating ${format} disk ${vmName} (${diskSize})`);
      const sizes = [diskSize, ...diskAdditionalSize];
      for (const [i, path] of partials.entries()) {
        await ctx.driver.qemuImg(
          buildCreateDiskArgs(format, qemuImgArgs.create, path, sizes[i] as string),
          signal,
        );
      }
    },
  };
}

/** Names every disk (vm_name, then vm_name-1, -2… for disk_additional_size) and records them in the state. */
export function planDisks(ctx: QemuBuildContext): string[] {
  const outputDir = need(ctx.state, 'outputDir');
  const { vmName, diskAdditionalSize } = ctx.config;
  const finals = [vmName, ...diskAdditionalSize.map((_, i) => `${vmName}-${i + 1}`)].map((name) =>
    join(outputDir, name),
  );
  const partials = finals.map((path) => `${path}${PARTIAL_SUFFIX}`);
  ctx.state.finalDiskPaths = finals;
  ctx.state.diskPath = partials[0];
  ctx.state.additionalDiskPaths = partials.slice(1);
  return partials;
}

/** Packer's `qemu-img create -f <format> [<qemu_img_args.create>] <path> <size>`. */
export function buildCreateDiskArgs(
  format: string,
  extra: readonly string[],
  path: string,
  size: string,
): string[] {
  return ['create', '-f', format, ...extra, path, size];
}
