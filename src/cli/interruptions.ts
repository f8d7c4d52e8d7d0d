// What ends a `kiln build` from outside: Ctrl-C, SIGTERM, a closed terminal (SIGHUP) and a reader that went
// away (EPIPE on stdout or stderr) all cancel the build the same way, so its cleanup always runs.
import { CancelledError } from '../core/errors.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Aborts `controller` on the first interruption; returns the function that stops listening. */
export function cancelOnInterruption(controller: AbortController): () => void {
  const cancel = (why: string, say: boolean) => {
    if (controller.signal.aborted) return;
    if (say) process.stderr.write(`\n==> ${why}: cancelling the build and cleaning up...\n`);
    controller.abort(new CancelledError(`build cancelled: ${why}`));
  };
  const onSignal = (signal: NodeJS.Signals) => cancel(`${signal} received`, true);
  // Output nobody reads any more: finish quietly (stderr may still be open and says why).
  const onStdoutError = () => cancel('standard output was closed', true);
  const onStderrError = () => cancel('standard error was closed', false);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.stdout.on('error', onStdoutError);
  process.stderr.on('error', onStderrError);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.stdout.off('error', onStdoutError);
    process.stderr.off('error', onStderrError);
  };
}

/**
 * For the whole process: a write to a closed pipe (`kiln inspect t.json | head -1`) is dropped instead of
 * crashing Node with an unhandled 'error' event and a stack trace.
 */
export function dropWritesToClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}
