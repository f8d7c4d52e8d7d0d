// Refuses to overwrite an existing output directory unless -force. With -force the old directory is moved
// aside, deleted once the build succeeds and put back if it fails, so a failed build never costs the last
// good output (Packer deletes it up front). The run record it writes lets a later run clear what a Kiln that
// died here left behind (dead-run.ts).
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { KilnError } from '../../../core/errors.js';
import type { Step } from '../../../core/runner.js';
import type { QemuBuildContext } from '../build-context.js';
import { clearDeadRun } from '../dead-run.js';
import { newRunRecord, removeRunRecord, writeRunRecord } from '../run-record.js';

export function prepareOutputDir(): Step<QemuBuildContext> {
  let created: string | undefined;
  /** Where -force moved the old output directory, and where it goes back to. */
  let previous: { aside: string; dir: string } | undefined;
  return {
    name: 'prepare-output-dir',
    async run(ctx) {
      const shown = ctx.config.outputDirectory;
      const dir = resolve(shown);
      await clearDeadRun(dir, { ui: ctx.ui, force: ctx.force, shown });
      if (existsSync(dir)) {
        if (!ctx.force) {
          throw new KilnError(`output directory '${shown}' already exists`, {
            code: 'output-exists',
            hint: 'remove it, choose another output_directory, or run with -force to replace it',
          });
        }
        const aside = `${dir}.kiln-previous-${process.pid}`;
        await rename(dir, aside);
        previous = { aside, dir };
        ctx.ui.say(`Moved the previous output directory aside to ${aside} until the build succeeds (-force)`);
      }
      await mkdir(dir, { recursive: true });
      created = dir;
      ctx.state.outputDir = dir;
      ctx.state.runRecord = newRunRecord(previous?.aside);
      await writeRunRecord(dir, ctx.state.runRecord);
    },
    async cleanup(ctx, { outcome }) {
      if (outcome === 'success') {
        // The old output first: a record left by a kill in between still names it.
        if (previous) await rm(previous.aside, { recursive: true, force: true });
        if (created) await removeRunRecord(created);
        return;
      }
      if (created) {
        ctx.ui.message(`Deleting output directory ${ctx.config.outputDirectory} (build ${outcome})`);
        await rm(created, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      }
      if (previous) {
        await rename(previous.aside, previous.dir);
        ctx.ui.message(`Restored the previous output directory ${ctx.config.outputDirectory}`);
      }
    },
  };
}
