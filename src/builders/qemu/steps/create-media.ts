// The extra CD (cd_files, cd_content, cd_label) and floppy (floppy_files, floppy_dirs, floppy_content,
// floppy_label) of Packer's QEMU builder, made in the build's work directory before the VM starts.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { checkFloppyFits } from '../media/make-images.js';
import {
  expandPaths,
  stageCdFiles,
  stageContent,
  stageDirectories,
  stageFlatFiles,
  treeSize,
} from '../media/stage-files.js';

export function createCd(): Step<QemuBuildContext> {
  return {
    name: 'create-cd',
    async run(ctx, signal) {
      const { cdFiles, cdContent, cdLabel } = ctx.config;
      const stage = join(need(ctx.state, 'workDir'), 'cd');
      await mkdir(stage);
      ctx.ui.say(`Creating CD disk (label ${cdLabel})...`);
      await stageCdFiles(stage, await expandPaths(cdFiles, 'cd_files'));
      await stageContent(stage, cdContent);
      const iso = `${stage}.iso`;
      await ctx.driver.makeIso(stage, cdLabel, iso, signal);
      ctx.state.cdPath = iso;
    },
    async cleanup(ctx) {
      const stage = join(need(ctx.state, 'workDir'), 'cd');
      await rm(stage, { recursive: true, force: true });
      await rm(`${stage}.iso`, { force: true });
    },
  };
}

export function createFloppy(): Step<QemuBuildContext> {
  return {
    name: 'create-floppy',
    async run(ctx, signal) {
      const { floppyFiles, floppyDirs, floppyContent, floppyLabel } = ctx.config;
      const stage = join(need(ctx.state, 'workDir'), 'floppy');
      await mkdir(stage);
      ctx.ui.say(`Creating floppy disk (label ${floppyLabel})...`);
      await stageFlatFiles(stage, await expandPaths(floppyFiles, 'floppy_files'));
      await stageDirectories(stage, await expandPaths(floppyDirs, 'floppy_dirs'));
      await stageContent(stage, floppyContent);
      checkFloppyFits(await treeSize(stage));
      const image = `${stage}.img`;
      await ctx.driver.makeFloppy(stage, floppyLabel, image, signal);
      ctx.state.floppyPath = image;
    },
    async cleanup(ctx) {
      const stage = join(need(ctx.state, 'workDir'), 'floppy');
      await rm(stage, { recursive: true, force: true });
      await rm(`${stage}.img`, { force: true });
    },
  };
}
