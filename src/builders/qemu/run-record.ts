// A run record in the output directory (`.kiln-run.json`): which Kiln builds there, its work directory, its
// QEMU. Kiln removes it when the build ends; one that is still there after its Kiln died (SIGKILL, power loss)
// tells the next run what to end and clear (dead-run.ts). It is also the output directory's lock.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { identify, type ProcessIdentity } from '../../process/proc-identity.js';

export const RUN_RECORD = '.kiln-run.json';

export interface RunRecord {
  kiln: ProcessIdentity;
  /** -force: the previous output directory, moved aside until the build succeeds. */
  previousOutput?: string;
  workDir?: string;
  /** `marker` is a path only this QEMU's command line holds (its monitor socket in the work directory). */
  qemu?: { pid: number; marker: string };
  /** -on-error=abort kept the VM and the output for inspection. */
  kept?: boolean;
}

export function newRunRecord(previousOutput: string | undefined): RunRecord {
  return { kiln: identify(process.pid), ...(previousOutput ? { previousOutput } : {}) };
}

/** Written whole and renamed into place, so a reader never sees half a record. */
export async function writeRunRecord(outputDir: string, record: RunRecord): Promise<void> {
  const path = join(outputDir, RUN_RECORD);
  await writeFile(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

/** The record in `outputDir`; undefined when there is none or it is not one of Kiln's. */
export async function readRunRecord(outputDir: string): Promise<RunRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(outputDir, RUN_RECORD), 'utf8'));
  } catch {
    return undefined;
  }
  const kiln = (parsed as Partial<RunRecord> | null)?.kiln;
  return typeof kiln?.pid === 'number' ? (parsed as RunRecord) : undefined;
}

export async function removeRunRecord(outputDir: string): Promise<void> {
  await rm(join(outputDir, RUN_RECORD), { force: true });
}

/** Adds what a step acquired to this build's record (no-op before prepare-output-dir wrote one). */
export async function noteInRunRecord(
  state: { outputDir?: string; runRecord?: RunRecord },
  update: Partial<RunRecord>,
): Promise<void> {
  const { outputDir, runRecord } = state;
  if (!outputDir || !runRecord) return;
  Object.assign(runRecord, update);
  await writeRunRecord(outputDir, runRecord);
}
