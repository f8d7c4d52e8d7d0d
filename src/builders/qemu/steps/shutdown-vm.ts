// Shuts the guest down cleanly: shutdown_command over SSH, or an ACPI power-button press over QMP (Packer
// kills QEMU instead, which can lose unsynced guest writes), then waits for QEMU to exit.
import { errorMessage, formatDuration, KilnError } from '../../../core/errors.js';
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
      if (config.communicator === 'none') {
        ctx.ui.say(
          `Waiting up to ${formatDuration(config.shutdownTimeoutMs)} for the guest to power itself off`,
        );
      } else if (config.shutdownCommand) {
        ctx.ui.say('Gracefully halting the virtual machine with shutdown_command');
        await runShutdownCommand(ctx, config.shutdownCommand, signal);
      } else {
        ctx.ui.say('Halting the virtual machine with an ACPI power-button press');
        await need(state, 'qmp').command('system_powerdown');
      }
      if ((await withDeadline(vm.exited, config.shutdownTimeoutMs, signal)) === 'timeout') {
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
    // The guest dropping the connection while it powers off is expected.
    ctx.ui.message(`connection closed during shutdown (${errorMessage(error)})`);
  }
}
