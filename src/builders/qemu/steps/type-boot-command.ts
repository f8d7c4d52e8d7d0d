// Waits boot_wait, then types boot_command into the VM over VNC with {{ .HTTPIP }}, {{ .HTTPPort }}, {{ .Name }}
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
      if (!config.bootCommand || state.snapshots?.resume) return;
      const monitor = need(state, 'monitor');
      const http = state.http;
      const text = ctx.render(
        config.bootCommand,
        {
          HTTPIP: http?.guestIp ?? '10.0.2.2',
          HTTPPort: http?.port ?? 0,
          Name: config.vmName,
          SSHPublicKey: state.sshKey?.publicKey ?? '',
        },
        'boot_command',
      );
      const actions = parseBootCommand(text);
      const interval = keyInterval(config.bootKeyIntervalMs, ctx.env);
      const log = ctx.log.scoped('vnc');
      log.debug(`boot command (${actions.length} actions): ${text}`);
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
            `Typing the boot command over VNC (${actions.length} actions, ${interval} ms between keys, ${mode})`,
          );
          const started = Date.now();
          const onProgress = (progress: BootProgress) => {
            typed = progress.index;
          };
          await type(actions, vnc, { keyIntervalMs: interval, signal: typing, onProgress, log });
          ctx.ui.message(`boot command typed in ${formatDuration(Date.now() - started)}`);
        } catch (error) {
          if (alive.aborted || !takeover.aborted) throw error;
          ctx.ui.say(
            `You took over the keyboard in the live console: Kiln stopped typing the boot command ` +
              `at action ${typed + 1} of ${actions.length}; the rest is yours`,
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
