// Turns the template's ssh_* options (SshConfig) into what waitForSsh needs: credentials, connection
// settings and session behaviour, with the local agent taken from SSH_AUTH_SOCK.
import type { SshBastionConfig, SshConfig } from './ssh-config.js';
import type { SshCredentials } from './ssh-options.js';
import type { WaitForSshOptions } from './wait-for-ssh.js';

type ConfiguredOptions = Omit<WaitForSshOptions, 'host' | 'port' | 'signal' | 'isAlive' | 'onAttempt'>;

/** `privateKey`: a generated temporary key, used when the template names no key file. */
export function sshOptionsFromConfig(
  config: SshConfig,
  env: NodeJS.ProcessEnv,
  privateKey?: string,
): ConfiguredOptions {
  const agentSocket = env.SSH_AUTH_SOCK || undefined;
  return {
    username: config.sshUsername,
    ...(config.sshPassword === undefined ? {} : { password: config.sshPassword }),
    ...(config.sshPrivateKeyFile !== undefined
      ? { privateKeyPath: config.sshPrivateKeyFile }
      : privateKey !== undefined
        ? { privateKey }
        : {}),
    agentAuth: config.sshAgentAuth,
    ...(agentSocket === undefined ? {} : { agentSocket }),
    disableAgentForwarding: config.sshDisableAgentForwarding,
    keepAliveIntervalMs: config.sshKeepAliveIntervalMs,
    ...(config.sshCiphers?.length ? { ciphers: config.sshCiphers } : {}),
    ...(config.sshKeyExchangeAlgorithms?.length
      ? { keyExchangeAlgorithms: config.sshKeyExchangeAlgorithms }
      : {}),
    ...(config.sshBastion ? { bastion: bastionCredentials(config.sshBastion, agentSocket) } : {}),
    timeoutMs: config.sshTimeoutMs,
    handshakeAttempts: config.sshHandshakeAttempts,
    session: {
      pty: config.sshPty,
      fileTransferMethod: config.sshFileTransferMethod,
      readWriteTimeoutMs: config.sshReadWriteTimeoutMs,
    },
  };
}

function bastionCredentials(bastion: SshBastionConfig, agentSocket: string | undefined): SshCredentials {
  return {
    host: bastion.host,
    port: bastion.port,
    username: bastion.username,
    ...(bastion.password === undefined ? {} : { password: bastion.password }),
    ...(bastion.privateKeyFile === undefined ? {} : { privateKeyPath: bastion.privateKeyFile }),
    agentAuth: bastion.agentAuth,
    ...(agentSocket === undefined ? {} : { agentSocket }),
    // Sessions run on the guest, never on the jump host: nothing to forward there.
    disableAgentForwarding: true,
  };
}
