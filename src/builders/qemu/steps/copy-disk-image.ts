// disk_image mode: the "ISO" is a bootable disk image (a cloud image); copy it into the output directory in
// the build's format (or put a qcow2 overlay on it with use_backing_file), then grow it to disk_size.
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { buildCreateDiskArgs, planDisks } from './create-disk.js';

export function copyDiskImage(): Step<QemuBuildContext> {
  return {
    name: 'copy-disk-image',
    async run(ctx, signal) {
      const { format, diskSize, diskAdditionalSize, qemuImgArgs, useBackingFile, skipResizeDisk } =
        ctx.config;
      const source = need(ctx.state, 'isoPath');
      const [disk, ...extra] = planDisks(ctx) as [string, ...string[]];
      if (useBackingFile) {
        const sourceFormat = (await ctx.driver.imageInfo(source, signal)).format;
        ctx.ui.say(`Creating a qcow2 overlay backed by ${source}`);
        await ctx.driver.qemuImg(
          ['create', '-f', 'qcow2', '-b', source, '-F', sourceFormat, ...qemuImgArgs.create, disk, diskSize],
          signal,
        );
      } else {
        ctx.ui.say(`Copying disk image ${source} as ${format}`);
        await ctx.driver.qemuImg(['convert', ...qemuImgArgs.convert, '-O', format, source, disk], signal);
        if (!skipResizeDisk) {
          ctx.ui.message(`Resizing the disk to ${diskSize}`);
          await ctx.driver.qemuImg(['resize', '-f', format, ...qemuImgArgs.resize, disk, diskSize], signal);
        }
      }
      for (const [i, path] of extra.entries()) {
        await ctx.driver.qemuImg(
          buildCreateDiskArgs(format, qemuImgArgs.create, path, diskAdditionalSize[i] as string),
          signal,
        );
      }
    },
  };
}
