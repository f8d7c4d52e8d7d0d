// How a post-processor's step fails: with the post-processor, the step and the input named (files are written
// through core/partial-file.ts, so no half-written output is ever left behind).
import { errorMessage, isCancelled, KilnError } from '../core/errors.js';

/** Where a post-processor's step failed, for the error message. */
export interface StepLabel {
  readonly postProcessor: string;
  readonly step: string;
  /** The input file the step was working on. */
  readonly input: string;
}

/** Runs one step; any failure but a cancellation becomes a KilnError naming the step and its input. */
export async function inStep<T>(label: StepLabel, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isCancelled(error)) throw error;
    const hint = error instanceof KilnError ? error.hint : undefined;
    const failure = new KilnError(
      `${label.postProcessor}: ${label.step} failed for ${label.input}: ${errorMessage(error)}`,
      { code: 'post-processor', cause: error, ...(hint === undefined ? {} : { hint }) },
    );
    failure.step = `${label.postProcessor}: ${label.step}`;
    throw failure;
  }
}
