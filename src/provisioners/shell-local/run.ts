// `shell-local`: run a command, inline lines or scripts on the build host through execute_command, streaming
// output line by line; shared by the provisioner and the post-processor.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { CancelledError, KilnError } from '../../core/errors.js';
import { flattenEnvVars } from '../common/env-vars.js';
import { checkExitCode } from '../common/exit-codes.js';
import { createLineSplitter } from '../common/line-splitter.js';
import type { OutputSink } from '../shell/run.js';
import type { ShellLocalOptions } from '../shell-local-options.js';
import type { RenderTemplate } from '../shell-options.js';

export interface ShellLocalContext {
  render: RenderTemplate;
  sink: OutputSink;
  signal: AbortSignal;
  /** Names the caller in errors: 'shell-local provisioner' or 'shell-local post-processor'. */
  label?: string;
}

const STDERR_TAIL_LINES = 10;

export async function runShellLocal(options: ShellLocalOptions, ctx: ShellLocalContext): Promise<void> {
  const label = ctx.label ?? 'shell-local';
  const vars = flattenEnvVars(options.environmentVars, options);
  const inline = options.command !== undefined ? [options.command] : options.inline;
  const tempDir = inline?.length ? await mkdtemp(join(tmpdir(), 'kiln-shell-local-')) : undefined;
  try {
    const scripts = tempDir
      ? [await writeInlineScript(tempDir, inline ?? [], options.inlineShebang)]
      : listScripts(options);
    for (const script of scripts) {
      const absolute = resolve(script);
      const argv = options.executeCommand.map((arg) =>
        ctx.render(arg, { Vars: vars, Script: absolute, Command: absolute }),
      );
      ctx.sink.say(`Running local shell script: ${script}`);
      await runLocal(argv, options, ctx, label);
    }
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

function listScripts(options: ShellLocalOptions): string[] {
  return options.script ? [options.script] : (options.scripts ?? []);
}

async function writeInlineScript(dir: string, lines: readonly string[], shebang: string): Promise<string> {
  const path = join(dir, 'script.sh');
  const head = shebang ? `#!${shebang}\n` : '';
  await writeFile(path, head + lines.map((line) => `${line}\n`).join(''));
  await chmod(path, 0o700);
  return path;
}

async function runLocal(
  argv: string[],
  options: ShellLocalOptions,
  ctx: ShellLocalContext,
  label: string,
): Promise<void> {
  const [file, ...args] = argv as [string, ...string[]];
  const tail: string[] = [];
  const out = createLineSplitter((line) => ctx.sink.onLine('stdout', line));
  const err = createLineSplitter((line) => {
    tail.push(line);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
    ctx.sink.onLine('stderr', line);
  });
  const child = execa(file, args, {
    reject: false,
    stdin: 'ignore',
    buffer: false,
    encoding: 'utf8',
    env: options.extraEnv ?? {},
    cancelSignal: ctx.signal,
    forceKillAfterDelay: options.forceKillAfterMs ?? 5_000,
    // Own process group, so a cancel also reaches what the script started (a `sleep` would otherwise keep
    // the output pipes, and the wait, open).
    detached: true,
  });
  const stopGroupKill = killGroupOnAbort(child.pid, ctx.signal, options.forceKillAfterMs ?? 5_000);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => out.write(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => err.write(chunk));
  const result = await child.finally(stopGroupKill);
  out.flush();
  err.flush();
  if (result.isCanceled || ctx.signal.aborted) throw new CancelledError();
  const command = argv.join(' ');
  const details =
    tail.length > 0 ? `\nlast stderr lines:\n${tail.map((line) => `  ${line}`).join('\n')}` : '';
  if (result.failed && result.exitCode === undefined) {
    throw new KilnError(`${label}: cannot run ${command}: ${result.shortMessage}`, {
      code: 'provisioner',
      hint: 'check execute_command: its first element must be an executable on this machine',
    });
  }
  const status = result.exitCode ?? 128;
  checkExitCode(status, options.validExitCodes, `${label} command: ${command}`, details);
}

/** On abort: SIGTERM to the whole process group, SIGKILL after the grace period. Returns the disposer. */
function killGroupOnAbort(pid: number | undefined, signal: AbortSignal, graceMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const kill = (name: NodeJS.Signals): void => {
    try {
      if (pid !== undefined) process.kill(-pid, name);
    } catch {
      // The group is already gone.
    }
  };
  const onAbort = (): void => {
    kill('SIGTERM');
    timer = setTimeout(() => kill('SIGKILL'), graceMs);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    // Leftovers of a cancelled run must not outlive it.
    if (signal.aborted) kill('SIGKILL');
  };
}
