// Turns the template's ssh_* options (SshConfig) into what waitForSsh needs: credentials, connection
// settings and session behaviour, with the local agent taken from SSH_AUTH_SOCK.
import type { SshConfig } from './ssh-config.js';
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
    timeoutMs: config.sshTimeoutMs,
    handshakeAttempts: config.sshHandshakeAttempts,
    session: {
      pty: config.sshPty,
      fileTransferMethod: config.sshFileTransferMethod,
      readWriteTimeoutMs: config.sshReadWriteTimeoutMs,
    },
  };
}
