// The step runner (Packer's multistep, typed): run steps in order; every step that started gets its
// cleanup, in reverse order, whether the build succeeded, failed or was cancelled.
import { CancelledError, errorMessage, isCancelled, KilnError } from './errors.js';
import { formatDuration } from './format.js';
import { toStepError } from './step-error.js';

export type Outcome = 'success' | 'failed' | 'cancelled';

export interface CleanupContext {
  outcome: Outcome;
  /** Aborts at the cleanup deadline (then the runner stops waiting); independent of the build signal. */
  signal: AbortSignal;
}

export interface Step<C> {
  readonly name: string;
  run(ctx: C, signal: AbortSignal): Promise<void>;
  /**
   * Runs even when `run` threw half-way, so it must only undo what was really acquired.
   * Failures here are reported as warnings and never stop the other cleanups.
   */
  cleanup?(ctx: C, cleanup: CleanupContext): Promise<void> | void;
}

/** What to do when a step fails (Packer's -on-error): run the cleanups, leave everything as it is, or retry. */
export type ErrorDecision = 'cleanup' | 'abort' | 'retry';

export interface RunnerOptions {
  signal: AbortSignal;
  /** -debug: called after each step that succeeded, before the next one starts. */
  pauseAfterStep?: (step: string) => Promise<void>;
  /** Asked when a step fails (not when the build is cancelled); default: always clean up. */
  onStepError?: (step: string, error: unknown) => Promise<ErrorDecision>;
  /** Called when a step starts; the UI uses it for its headline. */
  onStepStart?: (name: string) => void;
  onCleanupError?: (step: string, error: unknown) => void;
  /** Per-cleanup bound; a stuck cleanup must not hang the exit. Default 60 s. */
  cleanupTimeoutMs?: number;
}

export interface RunResult {
  outcome: Outcome;
  error?: unknown;
}

/** Runs the steps; throws the first step error (with `step` set) after all cleanups have run. */
export async function runSteps<C>(
  steps: readonly (Step<C> | null | false | undefined)[],
  ctx: C,
  options: RunnerOptions,
): Promise<void> {
  const started: Step<C>[] = [];
  let failure: unknown;
  for (const step of steps) {
    if (!step) continue;
    if (options.signal.aborted) {
      failure = options.signal.reason ?? new CancelledError();
      break;
    }
    started.push(step);
    options.onStepStart?.(step.name);
    const outcome = await runStep(step, ctx, options);
    if (outcome.error === undefined) {
      await options.pauseAfterStep?.(step.name);
      continue;
    }
    failure = outcome.error;
    if (outcome.abort) throw failure;
    break;
  }
  if (failure === undefined && options.signal.aborted)
    failure = options.signal.reason ?? new CancelledError();
  const outcome: Outcome =
    failure === undefined
      ? 'success'
      : isCancelled(failure) || options.signal.aborted
        ? 'cancelled'
        : 'failed';
  const last = started.at(-1)?.name;
  await runCleanups(started, ctx, outcome, options);
  if (failure === undefined) return;
  throw outcome === 'cancelled' ? cancellation(failure, options.signal, last) : failure;
}

/**
 * A cancelled build's error says why (the signal's reason: "SIGINT received") and in which step, whatever the
 * step threw on its way out (EPIPE from a killed QEMU, an AbortError); a step's own KilnError stays.
 */
function cancellation(failure: unknown, signal: AbortSignal, step: string | undefined): unknown {
  if (failure instanceof KilnError && !isCancelled(failure)) return failure;
  const reason = [signal.reason, failure].find((r): r is CancelledError => r instanceof CancelledError);
  // A new error each time: the signal's reason is shared by every build the signal cancels.
  const error = new CancelledError(reason?.message);
  error.step = step;
  return error;
}

/** Runs one step, retrying it while the error policy says so; `abort` means: leave everything as it is. */
async function runStep<C>(
  step: Step<C>,
  ctx: C,
  options: RunnerOptions,
): Promise<{ error?: unknown; abort?: boolean }> {
  for (;;) {
    try {
      await step.run(ctx, options.signal);
      return {};
    } catch (thrown) {
      // Once the build is cancelled, whatever a step throws (EPIPE from a killed QEMU…) is the cancellation.
      if (options.signal.aborted && !(thrown instanceof KilnError)) return { error: thrown };
      const error = toStepError(thrown, step.name);
      if (options.signal.aborted || isCancelled(error) || !options.onStepError) return { error };
      const decision = await options.onStepError(step.name, error);
      if (decision === 'retry') {
        // Undo the failed attempt (a started QEMU, an open connection) before the step runs again.
        await runCleanup(step, ctx, 'failed', options);
        continue;
      }
      return { error, abort: decision === 'abort' };
    }
  }
}

async function runCleanups<C>(
  started: Step<C>[],
  ctx: C,
  outcome: Outcome,
  options: RunnerOptions,
): Promise<void> {
  for (const step of [...started].reverse()) await runCleanup(step, ctx, outcome, options);
}

/**
 * One cleanup, raced against the cleanup deadline: the signal asks it to hurry, and if it still has not
 * finished at the deadline the runner reports it by name and moves on, so a stuck cleanup cannot hang the exit.
 */
async function runCleanup<C>(step: Step<C>, ctx: C, outcome: Outcome, options: RunnerOptions): Promise<void> {
  if (!step.cleanup) return;
  const timeoutMs = options.cleanupTimeoutMs ?? 60_000;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new CleanupTimeoutError(step.name, timeoutMs)), timeoutMs);
  try {
    const cleanup = Promise.resolve().then(() => step.cleanup?.(ctx, { outcome, signal: deadline.signal }));
    const expired = new Promise<never>((_, reject) =>
      deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true }),
    );
    await Promise.race([cleanup, expired]);
  } catch (error) {
    options.onCleanupError?.(step.name, error);
  } finally {
    clearTimeout(timer);
  }
}

/** A cleanup that did not finish within cleanupTimeoutMs; it may still be running. */
export class CleanupTimeoutError extends KilnError {
  constructor(step: string, timeoutMs: number) {
    super(`did not finish within ${formatDuration(timeoutMs)}; left it running`, { code: 'cleanup-timeout' });
    this.step = step;
  }
}

export function describeCleanupError(step: string, error: unknown): string {
  return `cleanup of step '${step}' failed: ${errorMessage(error)}`;
}
