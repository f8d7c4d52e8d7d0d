// The remote `shell` provisioner: upload each script, chmod 0755, run it through execute_command (retried
// within start_retry_timeout), stream its output line by line, check the exit status, then `rm -f` it.
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import type { Communicator, RunResult } from '../../communicators/communicator.js';
import { KilnError } from '../../core/errors.js';
import { flattenEnvVars } from '../common/env-vars.js';
import { CMD_DISCONNECT, checkExitCode } from '../common/exit-codes.js';
import { createLineSplitter } from '../common/line-splitter.js';
import { retryWithin } from '../common/retry.js';
import { buildInlineScript, toUnixLineEndings } from '../common/script-text.js';
import { defaultRemotePath, type RenderTemplate, type ShellProvisionerOptions } from '../shell-options.js';

export interface OutputSink {
  /** Headline, e.g. "Provisioning with shell script: setup.sh". */
  say(message: string): void;
  onLine(stream: 'stdout' | 'stderr', line: string): void;
}

export interface ShellRunContext {
  communicator: Communicator;
  render: RenderTemplate;
  sink: OutputSink;
  signal: AbortSignal;
}

interface ScriptSource {
  name: string;
  content: () => Promise<Buffer>;
}

export async function runShellProvisioner(
  options: ShellProvisionerOptions,
  ctx: ShellRunContext,
): Promise<void> {
  const remotePath = options.remotePath ?? defaultRemotePath();
  const vars = flattenEnvVars(options.environmentVars, options);
  const command = ctx.render(options.executeCommand, { Vars: vars, Path: remotePath, EnvVarFile: '' });
  for (const source of scriptSources(options)) {
    ctx.sink.say(`Provisioning with shell script: ${source.name}`);
    const raw = await source.content();
    const body = options.binary ? raw : toUnixLineEndings(raw);
    const result = await retryWithin(
      {
        timeoutMs: options.startRetryTimeoutMs,
        signal: ctx.signal,
        what: `starting shell script ${source.name}`,
      },
      async () => {
        await ctx.communicator.upload(body, remotePath, { signal: ctx.signal });
        await ctx.communicator.run(`chmod 0755 ${remotePath}`, { signal: ctx.signal });
        return runStreaming(ctx, command);
      },
    );
    checkResult(result, options, source.name);
    if (!options.skipClean) await removeRemoteFile(ctx, remotePath, options.startRetryTimeoutMs);
  }
}

function scriptSources(options: ShellProvisionerOptions): ScriptSource[] {
  if (options.inline?.length) {
    const text = buildInlineScript(options.inline, options.inlineShebang);
    return [{ name: 'inline script', content: async () => Buffer.from(text, 'utf8') }];
  }
  const paths = options.script ? [options.script] : (options.scripts ?? []);
  return paths.map((path) => ({ name: path, content: () => readFile(path) }));
}

async function runStreaming(ctx: ShellRunContext, command: string): Promise<RunResult> {
  const out = createLineSplitter((line) => ctx.sink.onLine('stdout', line));
  const err = createLineSplitter((line) => ctx.sink.onLine('stderr', line));
  try {
    return await ctx.communicator.run(command, {
      signal: ctx.signal,
      onStdout: out.write,
      onStderr: err.write,
    });
  } finally {
    out.flush();
    err.flush();
  }
}

/** Packer's exit status: a signal counts as 128+n (Go's ssh Waitmsg), no status at all as CMD_DISCONNECT. */
export function exitStatusOf(result: RunResult): number {
  if (result.exitCode !== null) return result.exitCode;
  if (result.signal === undefined) return CMD_DISCONNECT;
  const name = (
    result.signal.startsWith('SIG') ? result.signal : `SIG${result.signal}`
  ) as keyof typeof constants.signals;
  return 128 + (constants.signals[name] ?? 0);
}

function checkResult(result: RunResult, options: ShellProvisionerOptions, name: string): void {
  const status = exitStatusOf(result);
  if (status === CMD_DISCONNECT) {
    if (options.expectDisconnect || options.validExitCodes.includes(CMD_DISCONNECT)) return;
    throw new KilnError(
      `Script disconnected unexpectedly (${name}). If you expected your script to disconnect, i.e. from a restart, you can try adding \`"expect_disconnect": true\` or \`"valid_exit_codes": [0, 2300218]\` to the shell provisioner parameters.`,
      {
        code: 'provisioner',
        hint: 'the SSH session ended without an exit status: did the script reboot or stop sshd?',
      },
    );
  }
  checkExitCode(status, options.validExitCodes, `script: ${name}`);
}

/** `rm -f`, retried within the start timeout because the script may have rebooted the guest. */
async function removeRemoteFile(ctx: ShellRunContext, path: string, timeoutMs: number): Promise<void> {
  await retryWithin(
    { timeoutMs, signal: ctx.signal, what: `removing temporary script at ${path}` },
    async () => {
      const result = await ctx.communicator.run(`rm -f ${path}`, { signal: ctx.signal });
      if (result.exitCode === null) throw new Error('Disconnect while removing temporary script.');
      if (result.exitCode !== 0) throw new Error(`Error removing temporary script at ${path}!`);
    },
  );
}
