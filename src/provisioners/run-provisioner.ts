// Runs one resolved provisioner from the template: maps its config onto the shell / shell-local runner and
// applies Packer's common options (pause_before, max_retries, timeout).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Communicator } from '../communicators/communicator.js';
import { errorMessage, formatDuration, KilnError } from '../core/errors.js';
import type { Ui } from '../core/ui.js';
import type { ResolvedProvisioner, ShellLocalConfig, ShellProvisionerConfig } from '../template/index.js';
import type { OutputSink } from './shell/run.js';
import { runShellProvisioner } from './shell/run.js';
import { runShellLocal } from './shell-local/run.js';
import type { RenderTemplate } from './shell-options.js';

export interface ProvisionContext {
  communicator: Communicator;
  ui: Ui;
  render: RenderTemplate;
  signal: AbortSignal;
  buildName: string;
  builderType: string;
  httpAddr: string | undefined;
}

export async function runProvisioner(provisioner: ResolvedProvisioner, ctx: ProvisionContext): Promise<void> {
  if (provisioner.pauseBeforeMs > 0) {
    ctx.ui.say(`Pausing ${formatDuration(provisioner.pauseBeforeMs)} before the next provisioner...`);
    await sleep(provisioner.pauseBeforeMs, undefined, { signal: ctx.signal });
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await withTimeout(provisioner.timeoutMs, ctx.signal, (signal) =>
        runOnce(provisioner, { ...ctx, signal }),
      );
      return;
    } catch (error) {
      if (ctx.signal.aborted || attempt >= provisioner.maxRetries) throw error;
      ctx.ui.error(
        `Provisioner failed: ${errorMessage(error)}; retrying (${attempt + 1}/${provisioner.maxRetries})`,
      );
    }
  }
}

async function runOnce(provisioner: ResolvedProvisioner, ctx: ProvisionContext): Promise<void> {
  const sink = uiSink(ctx.ui);
  const common = {
    buildName: ctx.buildName,
    builderType: ctx.builderType,
    ...(ctx.httpAddr ? { httpAddr: ctx.httpAddr } : {}),
  };
  if (provisioner.config.type === 'shell') {
    const options = { ...shellOptions(provisioner.config), ...common };
    await runShellProvisioner(options, {
      communicator: ctx.communicator,
      render: ctx.render,
      sink,
      signal: ctx.signal,
    });
  } else {
    const options = { ...shellLocalOptions(provisioner.config), ...common };
    await runShellLocal(options, {
      render: ctx.render,
      sink,
      signal: ctx.signal,
      label: 'shell-local provisioner',
    });
  }
}

export function shellOptions(config: ShellProvisionerConfig) {
  return {
    ...(config.inline ? { inline: [...config.inline] } : { scripts: [...config.scripts] }),
    environmentVars: [...config.environmentVars],
    executeCommand: config.executeCommand,
    inlineShebang: config.inlineShebang,
    remotePath: config.remotePath,
    validExitCodes: [...config.validExitCodes],
    expectDisconnect: config.expectDisconnect,
    skipClean: config.skipClean,
    startRetryTimeoutMs: config.startRetryTimeoutMs,
    binary: config.binary,
  };
}

export function shellLocalOptions(config: ShellLocalConfig) {
  return {
    ...(config.inline ? { inline: [...config.inline] } : { scripts: [...config.scripts] }),
    environmentVars: [...config.environmentVars],
    executeCommand: [...config.executeCommand],
    inlineShebang: config.inlineShebang,
    validExitCodes: [...config.validExitCodes],
  };
}

export function uiSink(ui: Ui): OutputSink {
  return { say: (message) => ui.say(message), onLine: (_stream, line) => ui.message(line) };
}

async function withTimeout(
  ms: number,
  parent: AbortSignal,
  work: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  if (ms <= 0) return work(parent);
  const timeout = AbortSignal.timeout(ms);
  try {
    await work(AbortSignal.any([parent, timeout]));
  } catch (error) {
    if (timeout.aborted && !parent.aborted) {
      throw new KilnError(`provisioner timed out after ${formatDuration(ms)}`, {
        code: 'provisioner-timeout',
        cause: error,
      });
    }
    throw error;
  }
}
