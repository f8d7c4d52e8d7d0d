// Rewrites the disk with qemu-img convert after shutdown, dropping unused clusters (and compressing with
// disk_compression), as Packer does unless skip_compaction.

import { rename, rm, stat } from 'node:fs/promises';
import { formatBytes } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function compactDisk(): Step<QemuBuildContext> {
  let tempPath: string | undefined;
  return {
    name: 'compact-disk',
    async run(ctx, signal) {
      const disk = need(ctx.state, 'diskPath');
      const { format, diskCompression, qemuImgArgs } = ctx.config;
      const before = (await stat(disk)).size;
      tempPath = `${disk}.convert`;
      ctx.ui.say(`Compacting the disk${diskCompression ? ' with compression' : ''}`);
      const args = [
        'convert',
        ...(diskCompression ? ['-c'] : []),
        ...qemuImgArgs.convert,
        '-O',
        format,
        disk,
        tempPath,
      ];
      await ctx.driver.qemuImgUnlocked(args, signal);
      await rename(tempPath, disk);
      tempPath = undefined;
      const after = (await stat(disk)).size;
      ctx.ui.message(`disk: ${formatBytes(before)} -> ${formatBytes(after)}`);
    },
    async cleanup() {
      if (tempPath) await rm(tempPath, { force: true });
    },
  };
}
