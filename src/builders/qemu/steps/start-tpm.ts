// vtpm: a swtpm for this build (state and socket in the work dir), started before QEMU and stopped after it.
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function startTpm(): Step<QemuBuildContext> {
  return {
    name: 'start-tpm',
    async run(ctx, signal) {
      const tpm = ctx.config.tpm;
      if (!tpm) return;
      ctx.ui.say(`Starting a software TPM ${tpm.tpm1 ? '1.2' : '2.0'} (swtpm)`);
      ctx.state.tpm = await ctx.driver.startTpm(need(ctx.state, 'workDir'), tpm.tpm1, signal);
    },
    async cleanup(ctx) {
      await ctx.state.tpm?.stop();
    },
  };
}
