// The last step: disks leave their partial names only once the whole build has succeeded, so a failed or
// interrupted build never leaves something that looks like a finished image.
import { rename, rm } from 'node:fs/promises';
import { PARTIAL_SUFFIX } from '../../../core/partial-file.js';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function renameArtifacts(): Step<QemuBuildContext> {
  return {
    name: 'rename-artifacts',
    async run(ctx) {
      const partials = [need(ctx.state, 'diskPath'), ...(ctx.state.additionalDiskPaths ?? [])];
      const finals = need(ctx.state, 'finalDiskPaths');
      for (const [i, partial] of partials.entries()) await rename(partial, finals[i] as string);
      ctx.state.artifactFiles = [...finals, ...(await keepEfivars(ctx))];
    },
  };
}

/** efivars.fd joins the artifact under its final name, or goes with efi_drop_efivars. */
async function keepEfivars(ctx: QemuBuildContext): Promise<string[]> {
  const partial = ctx.state.efivarsPath;
  if (partial === undefined) return [];
  if (ctx.config.efi?.dropEfivars) {
    await rm(partial, { force: true });
    return [];
  }
  const final = partial.slice(0, -PARTIAL_SUFFIX.length);
  await rename(partial, final);
  return [final];
}
