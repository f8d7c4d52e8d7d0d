// Decides between KVM and TCG before anything boots, and tells the user which and why.
import type { Step } from '../../../core/runner.js';
import type { QemuBuildContext } from '../build-context.js';

export function chooseAccelerator(): Step<QemuBuildContext> {
  return {
    name: 'choose-accelerator',
    async run(ctx, signal) {
      const { accelerator, reason } = await ctx.driver.chooseAccelerator(ctx.config.accelerator, signal);
      ctx.state.accelerator = accelerator;
      ctx.ui.say(`Using accelerator ${accelerator}: ${reason}`);
      if (accelerator === 'none')
        ctx.ui.message('WARNING: no hardware acceleration; the installation may take much longer');
    },
  };
}
