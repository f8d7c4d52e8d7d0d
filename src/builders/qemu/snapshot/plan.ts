// What -cache decided for this build (plan-snapshots): the key of each snapshot it may record, and the
// snapshot it resumed from.
export interface SnapshotPlan {
  /** `qemu-system --version`: recorded in each entry, checked before one is used. */
  readonly qemuVersion: string;
  /** keys[0]: after the install; keys[i]: after provisioner i (shorter when a provisioner cannot be keyed). */
  readonly keys: readonly string[];
  readonly resume: ResumePoint | undefined;
  /** When this run's guest work started (the VM started), for each new entry's cost. */
  workStartedAt: number;
  /** Time this run spent recording snapshots: not guest work. */
  recordingMs: number;
}

export interface ResumePoint {
  readonly provisionersDone: number;
  /** The cached migration stream QEMU loads with -incoming. */
  readonly statePath: string;
  /** The guest work the entry stands for. */
  readonly costMs: number;
}

/** The guest work a snapshot taken now stands for: what was resumed plus what this run did since. */
export function costSoFar(plan: SnapshotPlan, now: number): number {
  return (plan.resume?.costMs ?? 0) + (now - plan.workStartedAt - plan.recordingMs);
}
