// A private temp dir for QEMU's monitor socket and serial log: unix socket paths are limited to 108 bytes,
// so they cannot live under a long output_directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '../../../core/runner.js';
import type { QemuBuildContext } from '../build-context.js';
import { noteInRunRecord } from '../run-record.js';

/** QEMU's serial console log (the guest's ttyS0), in the work directory. */
export function serialLogPath(workDir: string): string {
  return join(workDir, 'serial.log');
}

export function createWorkDir(): Step<QemuBuildContext> {
  return {
    name: 'create-work-dir',
    async run(ctx) {
      ctx.state.workDir = await mkdtemp(join(tmpdir(), 'kiln-'));
      await noteInRunRecord(ctx.state, { workDir: ctx.state.workDir });
    },
    async cleanup(ctx) {
      if (ctx.state.workDir) await rm(ctx.state.workDir, { recursive: true, force: true });
    },
  };
}
