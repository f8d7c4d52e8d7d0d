// Packer's StepSSHKeyGen: with no ssh_password, ssh_private_key_file or ssh_agent_auth, make a temporary key
// pair for the build; its public half is `{{ .SSHPublicKey }}` for boot_command and http_content.
import { randomUUID } from 'node:crypto';
import { generateSshKeyPair, publicKeyLine } from '../../../communicators/ssh-keygen.js';
import { readKeyFile } from '../../../communicators/ssh-options.js';
import type { Step } from '../../../core/runner.js';
import type { QemuBuildContext } from '../build-context.js';

export function generateSshKey(): Step<QemuBuildContext> {
  return {
    name: 'generate-ssh-key',
    async run(ctx) {
      const { config, state } = ctx;
      if (config.sshPrivateKeyFile !== undefined) {
        ctx.ui.say('Using existing SSH private key');
        const key = readKeyFile(config.sshPrivateKeyFile);
        // An encrypted key has no readable public half here; the communicator reports it if it matters.
        if (key !== undefined) state.sshKey = { publicKey: safePublicKey(key) };
        return;
      }
      if (config.sshPassword !== undefined || config.sshAgentAuth) return;
      const type = config.temporaryKeyPairType;
      ctx.ui.say(`Creating temporary ${type.toUpperCase()} SSH key for instance...`);
      const pair = generateSshKeyPair(type, config.temporaryKeyPairBits, `kiln_${randomUUID()}`);
      state.sshKey = pair;
    },
  };
}

function safePublicKey(key: Buffer): string {
  try {
    return publicKeyLine(key);
  } catch {
    return '';
  }
}
