// `shell-local`: run a command, inline lines or scripts on the build host through execute_command, streaming
// output line by line; shared by the provisioner and the post-processor.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { CancelledError, KilnError } from '../../core/errors.js';
import { killGroupOnAbort } from '../../core/kill-group.js';
import type { Ui } from '../../core/ui.js';
import type { RenderRuntime } from '../../plugins/plugin.js';
import { flattenEnvVars } from '../common/env-vars.js';
import { checkExitCode } from '../common/exit-codes.js';
import { createLineSplitter } from '../common/line-splitter.js';
import type { ShellLocalConfig } from './config.js';

/** What one shell-local run needs besides its config: the provisioner's or post-processor's context. */
export interface ShellLocalContext {
  readonly ui: Ui;
  readonly render: RenderRuntime;
  readonly signal: AbortSignal;
  readonly buildName: string;
  readonly builderType: string;
  /** "ip:port" of the build's HTTP server (provisioner only). */
  readonly httpAddr?: string | undefined;
  /** Added to the inherited environment, e.g. the artifact's files for the post-processor. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Names the caller in errors: 'shell-local provisioner' or 'shell-local post-processor'. */
  readonly label: string;
  /** Grace period between SIGTERM and SIGKILL on cancel; default 5 s. */
  readonly forceKillAfterMs?: number;
}

const STDERR_TAIL_LINES = 10;

/** Go's runtime.GOOS for this host, which `only_on` names. */
const HOST_OS: string = process.platform === 'win32' ? 'windows' : process.platform;

export async function runShellLocal(config: ShellLocalConfig, ctx: ShellLocalContext): Promise<void> {
  if (config.onlyOn.length > 0 && !config.onlyOn.includes(HOST_OS)) {
    ctx.ui.say(
      `Skipping shell-local due to runtime OS (${HOST_OS} is not in only_on: ${config.onlyOn.join(', ')})`,
    );
    return;
  }
  const vars = flattenEnvVars(config.environmentVars, ctx, config.envVarFormat);
  const tempDir =
    config.inline !== undefined ? await mkdtemp(join(tmpdir(), 'kiln-shell-local-')) : undefined;
  try {
    const scripts = tempDir ? [await writeInlineScript(tempDir, config, ctx.render)] : config.scripts;
    for (const script of scripts) {
      const absolute = resolve(script);
      const argv = config.executeCommand.map((arg) =>
        ctx.render(arg, { Vars: vars, Script: absolute, Command: absolute }),
      );
      ctx.ui.say(`Running local shell script: ${script}`);
      await runLocal(argv, config, ctx);
    }
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

/** The inline lines as one script, named with `tempfile_extension` when set (Packer's temp file). */
async function writeInlineScript(
  dir: string,
  config: ShellLocalConfig,
  render: RenderRuntime,
): Promise<string> {
  const path = join(dir, `script.${config.tempfileExtension ?? 'sh'}`);
  const head = config.inlineShebang ? `#!${config.inlineShebang}\n` : '';
  // As Packer: each line is rendered again with the build's data ({{ build "Host" }}, HCL2's build.Host).
  const lines = (config.inline ?? []).map((line) => render(line, {}));
  await writeFile(path, head + lines.map((line) => `${line}\n`).join(''));
  await chmod(path, 0o700);
  return path;
}

async function runLocal(argv: string[], config: ShellLocalConfig, ctx: ShellLocalContext): Promise<void> {
  const label = ctx.label;
  const graceMs = ctx.forceKillAfterMs ?? 5_000;
  const [file, ...args] = argv as [string, ...string[]];
  const tail: string[] = [];
  const out = createLineSplitter((line) => ctx.ui.message(line));
  const err = createLineSplitter((line) => {
    tail.push(line);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
    ctx.ui.message(line);
  });
  const child = execa(file, args, {
    reject: false,
    stdin: 'ignore',
    buffer: false,
    encoding: 'utf8',
    env: { ...ctx.extraEnv },
    cancelSignal: ctx.signal,
    forceKillAfterDelay: graceMs,
    // Own process group, so a cancel also reaches what the script started (a `sleep` would otherwise keep
    // the output pipes, and the wait, open).
    detached: true,
  });
  const stopGroupKill = killGroupOnAbort(child.pid, ctx.signal, graceMs);
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
  checkExitCode(status, config.validExitCodes, `${label} command: ${command}`, details);
}
