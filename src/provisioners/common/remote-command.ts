// Runs one command on the machine for a provisioner: output streamed line by line to the UI, the exit status
// returned as Packer counts it, or checked with an error that names the provisioner and what it ran.
import { KilnError } from '../../core/errors.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { exitStatusOf } from '../shell/run.js';
import { createLineSplitter } from './line-splitter.js';

export interface RemoteOutput {
  status: number;
  /** The last lines of stderr, for error messages. */
  stderrTail: string[];
}

const TAIL_LINES = 10;

/** `quiet`: keep stdout from the UI (listings parsed by the caller come back in `onStdout`). */
export async function runRemote(
  ctx: ProvisionContext,
  command: string,
  options: { onStdout?: (chunk: string) => void } = {},
): Promise<RemoteOutput> {
  const stderrTail: string[] = [];
  const out = createLineSplitter((line) => ctx.ui.message(line));
  const err = createLineSplitter((line) => {
    stderrTail.push(line);
    if (stderrTail.length > TAIL_LINES) stderrTail.shift();
    ctx.ui.message(line);
  });
  try {
    const result = await ctx.communicator.run(command, {
      signal: ctx.signal,
      onStdout: options.onStdout ?? out.write,
      onStderr: err.write,
    });
    return { status: exitStatusOf(result), stderrTail };
  } finally {
    out.flush();
    err.flush();
  }
}

/** Runs `command` and fails with `what` (e.g. "creating directory /tmp/x") unless it exits 0. */
export async function runRemoteChecked(ctx: ProvisionContext, command: string, what: string): Promise<void> {
  const { status, stderrTail } = await runRemote(ctx, command);
  if (status === 0) return;
  throw new KilnError(`${what} failed: \`${command}\` exited with status ${status}${tailText(stderrTail)}`, {
    code: 'provisioner',
  });
}

export function tailText(lines: readonly string[]): string {
  return lines.length > 0 ? `: ${lines.join('\n')}` : '';
}
