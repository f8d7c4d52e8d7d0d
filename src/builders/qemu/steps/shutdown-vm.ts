// Shuts the guest down cleanly: shutdown_command over SSH, or an ACPI power-button press over QMP (Packer
// kills QEMU instead, which can lose unsynced guest writes), then waits for QEMU to exit.

import { errorMessage, KilnError } from '../../../core/errors.js';
import { formatDuration } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { withDeadline } from '../../../core/wait.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function shutdownVm(): Step<QemuBuildContext> {
  return {
    name: 'shutdown-vm',
    async run(ctx, signal) {
      const { config, state } = ctx;
      const vm = need(state, 'vm');
      const monitor = need(state, 'monitor');
      const dead = monitor.deadReason();
      if (dead) throw new KilnError(`cannot shut down: ${dead}`, { code: 'vm-dead' });
      monitor.expectExit();
      // shutdown_timeout covers the command too: one that never returns must not hang the build (Packer only
      // starts it, then waits for the VM).
      const deadline = Date.now() + config.shutdownTimeoutMs;
      if (config.communicator === 'none') {
        ctx.ui.say(
          `Waiting up to ${formatDuration(config.shutdownTimeoutMs)} for the guest to power itself off`,
        );
      } else if (config.shutdownCommand) {
        ctx.ui.say('Gracefully halting the virtual machine with shutdown_command');
        const commandSignal = AbortSignal.any([signal, AbortSignal.timeout(config.shutdownTimeoutMs)]);
        await runShutdownCommand(ctx, config.shutdownCommand, commandSignal, signal);
      } else {
        ctx.ui.say('Halting the virtual machine with an ACPI power-button press');
        await need(state, 'qmp').command('system_powerdown');
      }
      const remaining = Math.max(0, deadline - Date.now());
      if ((await withDeadline(vm.exited, remaining, signal)) === 'timeout') {
        throw new KilnError(
          `timed out after ${formatDuration(config.shutdownTimeoutMs)} waiting for the VM to shut down`,
          {
            code: 'shutdown-timeout',
            hint: 'check shutdown_command (does the user need sudo?) or raise shutdown_timeout',
          },
        );
      }
      ctx.ui.message('VM shut down');
    },
  };
}

async function runShutdownCommand(
  ctx: QemuBuildContext,
  command: string,
  signal: AbortSignal,
  buildSignal: AbortSignal,
): Promise<void> {
  const communicator = need(ctx.state, 'communicator');
  try {
    const result = await communicator.run(command, {
      signal,
      onStdout: (text) => ctx.ui.message(text.trimEnd()),
      onStderr: (text) => ctx.ui.message(text.trimEnd()),
    });
    if (result.exitCode !== null && result.exitCode !== 0) {
      ctx.ui.message(`shutdown_command exited with status ${result.exitCode}; waiting for the VM anyway`);
    }
  } catch (error) {
    if (buildSignal.aborted) throw error;
    // The guest dropping the connection while it powers off is expected; a command still running at the
    // deadline is reported by the wait that follows.
    ctx.ui.message(`connection closed during shutdown (${errorMessage(error)})`);
  }
}
