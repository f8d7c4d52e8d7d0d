// -on-error: what a failed step means for the rest of the build (Packer's policies, same names); and -debug's
// pause after each step, which asks on the same terminal.
import { createInterface } from 'node:readline/promises';
import { errorMessage } from '../core/errors.js';
import type { ErrorDecision } from '../core/runner.js';
import type { Ui } from '../core/ui.js';

export const ON_ERROR_POLICIES = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;
export type OnErrorPolicy = (typeof ON_ERROR_POLICIES)[number];

export type StepErrorHandler = (step: string, error: unknown) => Promise<ErrorDecision>;

export function isOnErrorPolicy(value: string): value is OnErrorPolicy {
  return (ON_ERROR_POLICIES as readonly string[]).includes(value);
}

/** undefined for `cleanup`, the runner's default. */
export function stepErrorHandler(
  policy: OnErrorPolicy,
  ui: Ui,
  input: NodeJS.ReadableStream,
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
      return (step, error) => ask(step, error, ui, input);
  }
}

async function ask(
  step: string,
  error: unknown,
  ui: Ui,
  input: NodeJS.ReadableStream,
): Promise<ErrorDecision> {
  ui.error(`Step '${step}' failed: ${errorMessage(error)}`);
  const rl = createInterface({ input, output: process.stderr, terminal: false });
  try {
    for (;;) {
      const answer = (
        await rl.question(
          '[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)? ',
        )
      ).trim();
      if (answer === 'c') return 'cleanup';
      if (answer === 'a') return 'abort';
      if (answer === 'r') return 'retry';
    }
  } catch {
    // stdin closed: nobody can answer, so do the safe thing.
    return 'cleanup';
  } finally {
    rl.close();
  }
}

/** -debug: Packer's "Pausing after run of step 'X'. Press enter to continue." */
export function pauseForEnter(ui: Ui, input: NodeJS.ReadableStream): (step: string) => Promise<void> {
  return async (step) => {
    const rl = createInterface({ input, output: process.stderr, terminal: false });
    try {
      await rl.question(`Pausing after run of step '${step}'. Press enter to continue. `);
    } catch {
      ui.message('stdin is closed: continuing without pausing');
    } finally {
      rl.close();
    }
  };
}

/** The breakpoint provisioner's "Press enter to continue."; undefined unless stdin is a terminal. */
export function enterPrompt(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream = process.stderr,
): ((prompt: string) => Promise<void>) | undefined {
  if (!('isTTY' in input) || input.isTTY !== true) return undefined;
  return async (prompt) => {
    const rl = createInterface({ input, output, terminal: false });
    try {
      await rl.question(`${prompt} `);
    } finally {
      rl.close();
    }
  };
}
