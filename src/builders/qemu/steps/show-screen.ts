// -console: hands QEMU's VNC server to the live console, which shows the VM's screen on its page until the
// VM is gone (its cleanup runs before start-vm's, so the page sees the VM to its end).
import type { Step } from '../../../core/runner.js';
import type { ScreenWatch } from '../../../live-console/index.js';
import type { QemuBuildContext } from '../build-context.js';

export function showScreen(): Step<QemuBuildContext> {
  let watch: ScreenWatch | undefined;
  return {
    name: 'show-screen',
    async run(ctx) {
      const { liveConsole, state, config } = ctx;
      if (!liveConsole) return;
      if (state.vncPort === undefined) {
        ctx.ui.message('The live console cannot show the screen: VNC is disabled (disable_vnc)');
        return;
      }
      watch = liveConsole.watchScreen({
        host: config.vncBindAddress,
        port: state.vncPort,
        password: state.vncPassword,
      });
    },
    async cleanup() {
      await watch?.stop();
      watch = undefined;
    },
  };
}
