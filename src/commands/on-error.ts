// -on-error: what a failed step means for the rest of the build (Packer's policies, same names); and -debug's
// pause after each step, which asks on the same terminal.
import { errorMessage } from '../core/errors.js';
import type { ErrorDecision } from '../core/runner.js';
import type { Ui } from '../core/ui.js';
import type { Prompter } from './prompter.js';

export const ON_ERROR_POLICIES = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;
export type OnErrorPolicy = (typeof ON_ERROR_POLICIES)[number];

export type StepErrorHandler = (step: string, error: unknown) => Promise<ErrorDecision>;

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
      return (step, error) => ask(step, error, ui, prompter);
  }
}

async function ask(step: string, error: unknown, ui: Ui, prompter: Prompter): Promise<ErrorDecision> {
  ui.error(`Step '${step}' failed: ${errorMessage(error)}`);
  for (;;) {
    const answer = await prompter.ask(
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
export function pauseForEnter(ui: Ui, prompter: Prompter): (step: string) => Promise<void> {
  let closed = false;
  return async (step) => {
    if (closed) return;
    const answer = await prompter.ask(`Pausing after run of step '${step}'. Press enter to continue. `);
    if (answer !== undefined) return;
    closed = true;
    ui.message('stdin closed: continuing without pausing');
  };
}

/** The breakpoint provisioner's "Press enter to continue."; undefined unless stdin is a terminal. */
export function enterPrompt(prompter: Prompter): ((prompt: string) => Promise<void>) | undefined {
  if (!prompter.terminal) return undefined;
  return async (prompt) => {
    await prompter.ask(`${prompt} `);
  };
}
