// SSH credentials and connection settings: resolve a key file or key text once, reject a bad key before any
// connection is tried, and turn the ssh_* options into one ssh2 config shared by every (re)connection.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { AuthenticationType, ConnectConfig } from 'ssh2';
import ssh2 from 'ssh2';
import { errorMessage, KilnError } from '../core/errors.js';

export interface SshCredentials {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: Buffer | string;
  /** Read (with `~` expanded) when `privateKey` is not given. */
  privateKeyPath?: string;
  passphrase?: string;
  /** `ssh_agent_auth`: log in with the keys of the agent at `agentSocket`. */
  agentAuth?: boolean;
  /** The local agent's socket (SSH_AUTH_SOCK); also what is forwarded to the guest. */
  agentSocket?: string;
  /** `ssh_disable_agent_forwarding`; otherwise an agent, when there is one, is forwarded (as Packer). */
  disableAgentForwarding?: boolean;
  /** `ssh_keep_alive_interval`; default 5 s, 0 or negative disables keep-alives. */
  keepAliveIntervalMs?: number;
  /** `ssh_ciphers`, `ssh_key_exchange_algorithms`: replace ssh2's defaults when given. */
  ciphers?: readonly string[];
  keyExchangeAlgorithms?: readonly string[];
  /** `ssh_bastion_*`: a jump host the guest is reached through. */
  bastion?: SshCredentials;
}

/** ssh2 settings shared by every connection to one guest (the wait loop and later reconnects). */
export type SshClientConfig = Omit<ConnectConfig, 'sock' | 'readyTimeout' | 'debug'> & {
  host: string;
  port: number;
  username: string;
  /** Request agent forwarding on every session (ssh2 only forwards when `agent` is set). */
  agentForward: boolean;
  /** Connect to this jump host first and reach host:port through it. */
  bastion?: SshClientConfig;
};

/** Packer's default `ssh_keep_alive_interval`. */
export const KEEPALIVE_INTERVAL_MS = 5_000;

/**
 * Builds the ssh2 config. Throws KilnError code 'ssh-key' when the key cannot be read or parsed (wrong
 * passphrase included), 'ssh-config' for a missing username or agent: retrying would never help.
 */
export function resolveSshClientConfig(credentials: SshCredentials): SshClientConfig {
  const { host, port, username, password, passphrase, agentSocket } = credentials;
  if (!username)
    throw new KilnError('an SSH username must be specified', {
      code: 'ssh-config',
      hint: 'set ssh_username',
    });
  if (credentials.agentAuth && !agentSocket)
    throw new KilnError('ssh_agent_auth is set but SSH_AUTH_SOCK is not set', {
      code: 'ssh-config',
      hint: 'start an ssh-agent (eval "$(ssh-agent)"; ssh-add) or remove ssh_agent_auth',
    });
  const privateKey = credentials.privateKey ?? readKeyFile(credentials.privateKeyPath);
  if (privateKey !== undefined) checkKey(privateKey, passphrase, credentials.privateKeyPath ?? 'private key');
  const agentForward = agentSocket !== undefined && !credentials.disableAgentForwarding;
  const interval = credentials.keepAliveIntervalMs ?? KEEPALIVE_INTERVAL_MS;
  return {
    host,
    port,
    username,
    ...(password === undefined ? {} : { password, tryKeyboard: true }),
    ...(privateKey === undefined ? {} : { privateKey }),
    ...(passphrase === undefined ? {} : { passphrase }),
    ...(agentForward || credentials.agentAuth ? { agent: agentSocket } : {}),
    agentForward,
    // Packer's order: agent, keys, password, keyboard-interactive. An agent kept only for forwarding is
    // not offered for login.
    authHandler: authMethods(
      credentials.agentAuth === true,
      privateKey !== undefined,
      password !== undefined,
    ),
    // ssh2 treats 0 as "off"; Packer, any negative value.
    keepaliveInterval: Math.max(interval, 0),
    keepaliveCountMax: 3,
    ...algorithms(credentials),
    ...(credentials.bastion ? { bastion: resolveSshClientConfig(credentials.bastion) } : {}),
  };
}

function authMethods(agent: boolean, key: boolean, password: boolean): AuthenticationType[] {
  const methods: AuthenticationType[] = [];
  if (agent) methods.push('agent');
  if (key) methods.push('publickey');
  if (password) methods.push('password', 'keyboard-interactive');
  return methods.length ? methods : ['none'];
}

function algorithms(credentials: SshCredentials): Pick<ConnectConfig, 'algorithms'> {
  const { ciphers, keyExchangeAlgorithms: kex } = credentials;
  if (!ciphers?.length && !kex?.length) return {};
  return {
    algorithms: {
      ...(ciphers?.length ? { cipher: [...ciphers] as ssh2.CipherAlgorithm[] } : {}),
      ...(kex?.length ? { kex: [...kex] as ssh2.KexAlgorithm[] } : {}),
    },
  };
}

/** Reads ssh_private_key_file with `~` expanded; KilnError code 'ssh-key' when it cannot be read. */
export function readKeyFile(path: string | undefined): Buffer | undefined {
  if (path === undefined) return undefined;
  const expanded = path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
  try {
    return readFileSync(expanded);
  } catch (error) {
    throw new KilnError(`cannot read SSH private key file ${path}: ${errorMessage(error)}`, {
      code: 'ssh-key',
      hint: 'check ssh_private_key_file',
      cause: error,
    });
  }
}

function checkKey(key: Buffer | string, passphrase: string | undefined, what: string): void {
  const parsed = ssh2.utils.parseKey(key, passphrase);
  if (!(parsed instanceof Error)) return;
  const wrongPassphrase = /passphrase|decrypt|bad decrypt/i.test(parsed.message);
  throw new KilnError(`cannot use SSH private key ${what}: ${parsed.message}`, {
    code: 'ssh-key',
    hint: wrongPassphrase
      ? 'the key is encrypted: check the passphrase'
      : 'the key must be an OpenSSH or PEM private key (RSA, ECDSA or ed25519)',
    cause: parsed,
  });
}
