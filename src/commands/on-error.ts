// -on-error: what a failed step means for the rest of the build (Packer's policies, same names); and -debug's
// pause after each step, which asks on the same terminal.
import { once } from 'node:events';
import { createInterface } from 'node:readline/promises';
import { errorMessage } from '../core/errors.js';
import type { ErrorDecision } from '../core/runner.js';
import type { Ui } from '../core/ui.js';

export const ON_ERROR_POLICIES = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;
export type OnErrorPolicy = (typeof ON_ERROR_POLICIES)[number];

export type StepErrorHandler = (step: string, error: unknown) => Promise<ErrorDecision>;

/** Where answers come from; `terminal` is false when stdin is a pipe, a file or /dev/null (CI). */
export interface Prompter {
  input: NodeJS.ReadableStream;
  terminal: boolean;
}

export function isOnErrorPolicy(value: string): value is OnErrorPolicy {
  return (ON_ERROR_POLICIES as readonly string[]).includes(value);
}

/**
 * The policy a run really gets: without a terminal nobody can answer `ask`, so it is `cleanup`, as in Packer
 * (its prompt fails and an empty answer means "clean up"). Says so once, before anything runs.
 */
export function effectivePolicy(policy: OnErrorPolicy, prompter: Prompter, ui: Ui): OnErrorPolicy {
  if (policy !== 'ask' || prompter.terminal) return policy;
  ui.message(
    '-on-error=ask: stdin is not a terminal, so Kiln cannot ask; a failed step cleans up (-on-error=cleanup)',
  );
  return 'cleanup';
}

/** undefined for `cleanup`, the runner's default. */
export function stepErrorHandler(
  policy: OnErrorPolicy,
  ui: Ui,
  prompter: Prompter,
): StepErrorHandler | undefined {
  switch (policy) {
    case 'cleanup':
      return undefined;
    case 'abort':
    // The error-cleanup-provisioner has already run inside the provision step when provisioning failed.
    case 'run-cleanup-provisioner':
      return async (step) => {
        ui.error(`Step '${step}' failed: leaving the VM and its files as they are (-on-error=${policy})`);
        return 'abort';
      };
    case 'ask':
      return (step, error) => ask(step, error, ui, prompter.input);
  }
}

async function ask(
  step: string,
  error: unknown,
  ui: Ui,
  input: NodeJS.ReadableStream,
): Promise<ErrorDecision> {
  ui.error(`Step '${step}' failed: ${errorMessage(error)}`);
  for (;;) {
    const answer = await question(
      input,
      '[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)? ',
    );
    // stdin closed: nobody can answer, so do the safe thing.
    if (answer === undefined) {
      ui.message('stdin closed: cleaning up');
      return 'cleanup';
    }
    if (answer === 'c') return 'cleanup';
    if (answer === 'a') return 'abort';
    if (answer === 'r') return 'retry';
  }
}

/** -debug without a terminal cannot pause: says so once; the build runs on, as Packer's does without a TTY. */
export function canPause(prompter: Prompter, ui: Ui): boolean {
  if (prompter.terminal) return true;
  ui.message('-debug: stdin is not a terminal, so Kiln cannot pause after each step; running without pauses');
  return false;
}

/** -debug: Packer's "Pausing after run of step 'X'. Press enter to continue." */
export function pauseForEnter(ui: Ui, input: NodeJS.ReadableStream): (step: string) => Promise<void> {
  let closed = false;
  return async (step) => {
    if (closed) return;
    const answer = await question(input, `Pausing after run of step '${step}'. Press enter to continue. `);
    if (answer !== undefined) return;
    closed = true;
    ui.message('stdin closed: continuing without pausing');
  };
}

/**
 * One line from `input`, or undefined once it ends. readline/promises' question() never settles when the
 * input ends first (Node 20): awaiting it alone let the event loop drain and Node exit with code 13
 * ("unsettled top-level await") in the middle of the build, before any cleanup ran.
 */
async function question(input: NodeJS.ReadableStream, prompt: string): Promise<string | undefined> {
  const rl = createInterface({ input, output: process.stderr, terminal: false });
  const closed = once(rl, 'close').then(() => undefined);
  try {
    const answer = await Promise.race([rl.question(prompt), closed]);
    return answer?.trim();
  } catch {
    return undefined;
  } finally {
    rl.close();
  }
}
