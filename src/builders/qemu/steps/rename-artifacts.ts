// The last step: disks leave their partial names only once the whole build has succeeded, so a failed or
// interrupted build never leaves something that looks like a finished image.
import { rename } from 'node:fs/promises';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function renameArtifacts(): Step<QemuBuildContext> {
  return {
    name: 'rename-artifacts',
    async run(ctx) {
      const partials = [need(ctx.state, 'diskPath'), ...(ctx.state.additionalDiskPaths ?? [])];
      const finals = need(ctx.state, 'finalDiskPaths');
      for (const [i, partial] of partials.entries()) await rename(partial, finals[i] as string);
      ctx.state.artifactFiles = finals;
    },
  };
}
