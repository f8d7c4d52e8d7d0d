// The remote `shell` provisioner: upload each script, chmod 0755, run it through execute_command (retried
// within start_retry_timeout), stream its output line by line, check the exit status, then `rm -f` it. With
// use_env_var_file the variables are uploaded once to <remote_folder>/varfile_<n>.sh ({{.EnvVarFile}}).
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import type { RunResult } from '../../communicators/communicator.js';
import { KilnError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { abortableSleep } from '../../core/wait.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { flattenEnvVars } from '../common/env-vars.js';
import { CMD_DISCONNECT, checkExitCode } from '../common/exit-codes.js';
import { createLineSplitter } from '../common/line-splitter.js';
import { retryWithin } from '../common/retry.js';
import { buildInlineScript, toUnixLineEndings } from '../common/script-text.js';
import type { ShellProvisionerConfig } from './config.js';

interface ScriptSource {
  name: string;
  content: () => Promise<Buffer>;
}

export async function runShellProvisioner(
  config: ShellProvisionerConfig,
  ctx: ProvisionContext,
): Promise<void> {
  const remotePath = config.remotePath;
  const vars = flattenEnvVars(config.environmentVars, ctx, config.envVarFormat);
  const envVarFile = config.useEnvVarFile ? await uploadEnvVarFile(ctx, config, vars) : '';
  const command = ctx.render(config.executeCommand, { Vars: vars, Path: remotePath, EnvVarFile: envVarFile });
  for (const source of scriptSources(config, ctx)) {
    ctx.ui.say(`Provisioning with shell script: ${source.name}`);
    const raw = await source.content();
    const body = config.binary ? raw : toUnixLineEndings(raw);
    const result = await retryWithin(
      {
        timeoutMs: config.startRetryTimeoutMs,
        signal: ctx.signal,
        what: `starting shell script ${source.name}`,
        // Started, then silent past ssh_read_write_timeout: running it again could repeat its effects.
        isFinal: (error) => error instanceof KilnError && error.code === 'ssh-timeout',
      },
      async () => {
        await ctx.communicator.upload(body, remotePath, { signal: ctx.signal });
        await ctx.communicator.run(`chmod 0755 ${remotePath}`, { signal: ctx.signal });
        return runStreaming(ctx, command);
      },
    );
    checkResult(result, config, source.name);
    if (!config.skipClean) await removeRemoteFile(ctx, remotePath, config.startRetryTimeoutMs);
  }
  if (envVarFile && !config.skipClean) await removeRemoteFile(ctx, envVarFile, config.startRetryTimeoutMs);
  await pauseAfter(config.pauseAfterMs, ctx);
}

/** Uploads the variables (chmod 0600: they may hold secrets) and returns the remote path. */
async function uploadEnvVarFile(
  ctx: ProvisionContext,
  config: ShellProvisionerConfig,
  vars: string,
): Promise<string> {
  const path = `${config.remoteFolder}/varfile_${randomInt(9999)}.sh`;
  await retryWithin(
    { timeoutMs: config.startRetryTimeoutMs, signal: ctx.signal, what: `uploading the env var file ${path}` },
    async () => {
      await ctx.communicator.upload(Buffer.from(vars, 'utf8'), path, { mode: 0o600, signal: ctx.signal });
      await ctx.communicator.run(`chmod 0600 ${path}`, { signal: ctx.signal });
    },
  );
  return path;
}

function scriptSources(config: ShellProvisionerConfig, ctx: ProvisionContext): ScriptSource[] {
  if (config.inline !== undefined) {
    // As Packer: each line is rendered again with the build's data ({{ build "Host" }}, HCL2's build.Host).
    const lines = config.inline.map((line) => ctx.render(line, {}));
    const text = buildInlineScript(lines, config.inlineShebang);
    return [{ name: 'inline script', content: async () => Buffer.from(text, 'utf8') }];
  }
  return config.scripts.map((path) => ({ name: path, content: () => readFile(path) }));
}

/** `pause_after`: once the scripts succeeded, Packer waits, so what they started can settle. */
async function pauseAfter(ms: number, ctx: ProvisionContext): Promise<void> {
  if (ms <= 0) return;
  ctx.ui.say(`Pausing ${formatDuration(ms)} after this provisioner...`);
  await abortableSleep(ms, ctx.signal);
}

async function runStreaming(ctx: ProvisionContext, command: string): Promise<RunResult> {
  const out = createLineSplitter((line) => ctx.ui.message(line));
  const err = createLineSplitter((line) => ctx.ui.message(line));
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

function checkResult(result: RunResult, config: ShellProvisionerConfig, name: string): void {
  const status = exitStatusOf(result);
  if (status === CMD_DISCONNECT) {
    if (config.expectDisconnect || config.validExitCodes.includes(CMD_DISCONNECT)) return;
    throw new KilnError(
      `Script disconnected unexpectedly (${name}). If you expected your script to disconnect, i.e. from a restart, you can try adding \`"expect_disconnect": true\` or \`"valid_exit_codes": [0, 2300218]\` to the shell provisioner parameters.`,
      {
        code: 'provisioner',
        hint: 'the SSH session ended without an exit status: did the script reboot or stop sshd?',
      },
    );
  }
  checkExitCode(status, config.validExitCodes, `script: ${name}`);
}

/** `rm -f`, retried within the start timeout because the script may have rebooted the guest. */
async function removeRemoteFile(ctx: ProvisionContext, path: string, timeoutMs: number): Promise<void> {
  await retryWithin(
    { timeoutMs, signal: ctx.signal, what: `removing temporary script at ${path}` },
    async () => {
      const result = await ctx.communicator.run(`rm -f ${path}`, { signal: ctx.signal });
      if (result.exitCode === null) throw new Error('Disconnect while removing temporary script.');
      if (result.exitCode !== 0) throw new Error(`Error removing temporary script at ${path}!`);
    },
  );
}
