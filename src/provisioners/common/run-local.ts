// Runs a tool on the build host for a provisioner (ansible-playbook, ansible-galaxy): output streamed line by
// line, cancel (or a provisioner timeout) stops its whole process group, the exit status returned.
import { execa } from 'execa';
import { CancelledError, KilnError } from '../../core/errors.js';
import { killGroupOnAbort } from '../../core/kill-group.js';
import type { Ui } from '../../core/ui.js';
import { createLineSplitter } from './line-splitter.js';

export interface LocalRun {
  argv: readonly string[];
  /** Added to the inherited environment. */
  env: Readonly<Record<string, string>>;
  ui: Ui;
  signal: AbortSignal;
  /** Between SIGTERM and SIGKILL on cancel. */
  graceMs?: number;
}

export async function runLocalTool(run: LocalRun): Promise<number> {
  const [file, ...args] = run.argv as [string, ...string[]];
  const graceMs = run.graceMs ?? 5_000;
  const out = createLineSplitter((line) => run.ui.message(line.trimEnd()));
  const err = createLineSplitter((line) => run.ui.message(line.trimEnd()));
  const child = execa(file, args, {
    reject: false,
    stdin: 'ignore',
    buffer: false,
    encoding: 'utf8',
    env: run.env,
    cancelSignal: run.signal,
    forceKillAfterDelay: graceMs,
    detached: true,
  });
  const stopGroupKill = killGroupOnAbort(child.pid, run.signal, graceMs);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => out.write(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => err.write(chunk));
  const result = await child.finally(stopGroupKill);
  out.flush();
  err.flush();
  if (result.isCanceled || run.signal.aborted) throw new CancelledError();
  if (result.failed && result.exitCode === undefined)
    throw new KilnError(`cannot run ${file}: ${result.shortMessage}`, {
      code: 'provisioner',
      hint: `is ${file} installed on this machine and on the PATH?`,
    });
  return result.exitCode ?? 128;
}
