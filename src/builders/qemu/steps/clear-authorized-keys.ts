// Packer's StepCleanupTempKeys: with ssh_clear_authorized_keys, remove the temporary public key from the
// guest's ~/.ssh/authorized_keys once provisioning is done, so the image does not trust a throwaway key.
import { removeAuthorizedKey } from '../../../communicators/authorized-keys.js';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function clearAuthorizedKeys(): Step<QemuBuildContext> {
  return {
    name: 'clear-authorized-keys',
    async run(ctx, signal) {
      const key = ctx.state.sshKey;
      if (!ctx.config.sshClearAuthorizedKeys || key?.privateKey === undefined) return;
      ctx.ui.say('Trying to remove ephemeral keys from authorized_keys files');
      const failure = await removeAuthorizedKey(need(ctx.state, 'communicator'), key.publicKey, signal);
      if (failure)
        ctx.ui.error(`Error cleaning up ~/.ssh/authorized_keys; please clean up keys manually: ${failure}`);
    },
  };
}
