// What a Kiln that died without cleaning up (SIGKILL, a crash, power loss) left in an output directory, found
// by its run record: the next run ends its QEMU (only if that PID still is that QEMU), deletes its work
// directory and partial files, and restores the output it had moved aside; or says why it cannot.
import { existsSync } from 'node:fs';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { KilnError } from '../../core/errors.js';
import { PARTIAL_SUFFIX } from '../../core/partial-file.js';
import type { Ui } from '../../core/ui.js';
import { commandLine, endProcess, isStillRunning } from '../../process/proc-identity.js';
import { RUN_RECORD, type RunRecord, readRunRecord } from './run-record.js';

export interface DeadRunOptions {
  ui: Ui;
  force: boolean;
  /** output_directory as the template names it, for messages. */
  shown: string;
}

export async function clearDeadRun(dir: string, { ui, force, shown }: DeadRunOptions): Promise<void> {
  const record = await readRunRecord(dir);
  if (!record) return;
  const owner = record.kiln.pid;
  if (isStillRunning(record.kiln))
    throw new KilnError(`output directory '${shown}' is in use by another Kiln build (pid ${owner})`, {
      code: 'output-in-use',
      hint: 'wait for that build to finish, or choose another output_directory',
    });
  const qemu = runningQemu(record);
  if (record.kept && !force) {
    const vm = qemu === undefined ? '' : `; its QEMU (pid ${qemu}) still runs`;
    throw new KilnError(`output directory '${shown}' holds what -on-error=abort kept of a build${vm}`, {
      code: 'output-exists',
      hint: `look at it, then remove it${qemu === undefined ? '' : ` (kill ${qemu})`}, or run with -force to replace it`,
    });
  }
  ui.say(`Clearing what an earlier Kiln (pid ${owner}) left in ${shown} when it ended without cleaning up`);
  if (qemu !== undefined) {
    ui.message(`Stopping its QEMU (pid ${qemu})`);
    await endProcess(qemu);
  }
  if (record.workDir && isKilnWorkDir(record.workDir) && existsSync(record.workDir)) {
    ui.message(`Deleting its work directory ${record.workDir}`);
    await rm(record.workDir, { recursive: true, force: true });
  }
  await clearOutput(dir, record, ui);
}

/** Its QEMU's PID, when that PID still runs a command line holding this build's monitor socket. */
function runningQemu(record: RunRecord): number | undefined {
  const { qemu } = record;
  if (!qemu) return undefined;
  return commandLine(qemu.pid)?.includes(qemu.marker) ? qemu.pid : undefined;
}

/** Only ever a directory create-work-dir makes: kiln-XXXXXX directly in the temp directory. */
function isKilnWorkDir(path: string): boolean {
  return dirname(path) === tmpdir() && basename(path).startsWith('kiln-');
}

/** Removes partial files and the record; the directory goes too when that empties it, and the old one returns. */
async function clearOutput(dir: string, record: RunRecord, ui: Ui): Promise<void> {
  const names = await readdir(dir);
  const partials = names.filter((name) => name.endsWith(PARTIAL_SUFFIX));
  for (const name of [...partials, RUN_RECORD]) await rm(join(dir, name), { force: true });
  if (partials.length > 0) ui.message(`Deleted its partial files: ${partials.join(', ')}`);
  const previous = record.previousOutput;
  const hasPrevious = previous !== undefined && existsSync(previous);
  if ((await readdir(dir)).length > 0) {
    ui.message(`Kept ${dir}: it holds files that are not partial`);
    if (hasPrevious) ui.message(`The output before that run is still in ${previous}`);
    return;
  }
  await rmdir(dir);
  if (!hasPrevious) return;
  await rename(previous, dir);
  ui.message(`Restored the previous output directory from ${previous}`);
}
