// How post-processors write files: under a `.kiln-partial` name that gets the real name only when complete, and
// failures that name the post-processor, the step and the input, so no half-written output is ever left behind.
import { rename, rm } from 'node:fs/promises';
import { errorMessage, isCancelled, KilnError } from '../core/errors.js';
import { PARTIAL_SUFFIX } from '../plugins/artifact.js';

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

/**
 * Writes `output` through `write(partialPath)`, then renames it into place; the partial file is removed
 * whatever happens, so a failure or Ctrl-C leaves neither a partial nor a half-written output.
 */
export async function writeThroughPartial(
  output: string,
  write: (partial: string) => Promise<void>,
): Promise<void> {
  const partial = `${output}${PARTIAL_SUFFIX}`;
  try {
    await write(partial);
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }
}
