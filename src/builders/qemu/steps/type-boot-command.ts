// Waits boot_wait, then types boot_command (or each of boot_steps) into the VM over VNC with {{ .HTTPIP }}, {{ .HTTPPort }}, {{ .Name }}
// and {{ .SSHPublicKey }} filled in.
import { type BootProgress, parseBootCommand, typeBootCommand as type } from '../../../bootcommand/index.js';
import { formatDuration } from '../../../core/format.js';
import { parseGoDurationMs } from '../../../core/go-duration.js';
import type { Step } from '../../../core/runner.js';
import { abortableSleep } from '../../../core/wait.js';
import { connectVnc, type VncClient } from '../../../vnc/index.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { whileVmAlive } from '../vm-monitor.js';

/**
 * Kiln's default pause between two typed keys, measured on the test OS under TCG: see README "Boot command
 * timing" and bench/boot-key-interval.md. Packer sleeps 100 ms after every key event instead.
 */
export const DEFAULT_KEY_INTERVAL_MS = 30;

export function typeBootCommand(): Step<QemuBuildContext> {
  let vnc: VncClient | undefined;
  return {
    name: 'type-boot-command',
    async run(ctx, signal) {
      const { config, state } = ctx;
      // A VM resumed from a cached snapshot is past its installer.
      if (config.bootSteps.length === 0 || state.snapshots?.resume) return;
      const monitor = need(state, 'monitor');
      const http = state.http;
      const data = {
        HTTPIP: http?.guestIp ?? '10.0.2.2',
        HTTPPort: http?.port ?? 0,
        Name: config.vmName,
        SSHPublicKey: state.sshKey?.publicKey ?? '',
      };
      const key =
        config.bootSteps.length === 1 && config.bootSteps[0]?.description === ''
          ? 'boot_command'
          : 'boot_steps';
      const steps = config.bootSteps.map((step) => {
        const text = ctx.render(step.command, data, key);
        return { ...step, text, actions: parseBootCommand(text) };
      });
      const total = steps.reduce((sum, step) => sum + step.actions.length, 0);
      const interval = keyInterval(config.bootKeyIntervalMs, ctx.env);
      const log = ctx.log.scoped('vnc');
      const takeover = ctx.liveConsole?.takeover ?? new AbortController().signal;
      let typed = 0;
      await whileVmAlive(monitor, signal, async (alive) => {
        // -console=interactive: the user's first key press in the page ends Kiln's typing (between actions).
        const typing = AbortSignal.any([alive, takeover]);
        try {
          if (config.bootWaitMs > 0) {
            ctx.ui.say(`Waiting ${formatDuration(config.bootWaitMs)} for boot...`);
            await abortableSleep(config.bootWaitMs, typing);
          }
          const port = need(state, 'vncPort');
          log.debug(`connecting to ${config.vncBindAddress}:${port}`);
          vnc = await connectVnc({
            host: config.vncBindAddress,
            port,
            password: state.vncPassword,
            signal: typing,
          });
          log.debug(
            `connected: ${vnc.width}x${vnc.height} '${vnc.name}', extended key events: ${vnc.extendedKeys}`,
          );
          const mode = vnc.extendedKeys ? 'scancodes' : 'keysyms';
          ctx.ui.say(
            `Typing the boot command over VNC (${total} actions, ${interval} ms between keys, ${mode})`,
          );
          const started = Date.now();
          for (const step of steps) {
            if (step.description !== '') ctx.ui.say(`Typing boot command for: ${step.description}`);
            log.debug(`boot command (${step.actions.length} actions): ${step.text}`);
            const before = typed;
            const onProgress = (progress: BootProgress) => {
              typed = before + progress.index;
            };
            await type(step.actions, vnc, { keyIntervalMs: interval, signal: typing, onProgress, log });
            typed = before + step.actions.length;
            // -debug: the plugin pauses after each boot step, naming it as below.
            await ctx.pauseAfterStep?.(
              step.description === ''
                ? `boot_command: ${step.text}`
                : `boot description: "${step.description}", command: ${step.text}`,
            );
          }
          ctx.ui.message(`boot command typed in ${formatDuration(Date.now() - started)}`);
        } catch (error) {
          if (alive.aborted || !takeover.aborted) throw error;
          ctx.ui.say(
            `You took over the keyboard in the live console: Kiln stopped typing the boot command ` +
              `at action ${typed + 1} of ${total}; the rest is yours`,
          );
        }
      });
      await vnc?.close();
      vnc = undefined;
    },
    async cleanup() {
      await vnc?.close();
    },
  };
}

/** boot_key_interval, else PACKER_KEY_INTERVAL (as Packer), else Kiln's measured default. */
export function keyInterval(configured: number | undefined, env: NodeJS.ProcessEnv): number {
  if (configured !== undefined) return configured;
  const fromEnv = env.PACKER_KEY_INTERVAL ? parseGoDurationMs(env.PACKER_KEY_INTERVAL.trim()) : undefined;
  return fromEnv !== undefined && fromEnv >= 0 ? fromEnv : DEFAULT_KEY_INTERVAL_MS;
}
