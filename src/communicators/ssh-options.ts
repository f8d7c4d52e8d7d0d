// SSH credentials: resolve a key file or key text once, and reject a bad key before any connection is tried.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { ConnectConfig } from 'ssh2';
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
}

/** ssh2 settings shared by every connection to one guest (the wait loop and later reconnects). */
export type SshClientConfig = Omit<ConnectConfig, 'sock' | 'readyTimeout' | 'debug'> & {
  host: string;
  port: number;
  username: string;
};

/** Seconds between keepalive@openssh.com requests, as Packer's default `ssh_keep_alive_interval`. */
export const KEEPALIVE_INTERVAL_MS = 5_000;

/**
 * Builds the ssh2 config. Throws KilnError code 'ssh-key' when the key cannot be read or parsed (wrong
 * passphrase included): retrying would never help, so the wait must fail at once.
 */
export function resolveSshClientConfig(credentials: SshCredentials): SshClientConfig {
  const { host, port, username, password, passphrase } = credentials;
  if (!username)
    throw new KilnError('an SSH username must be specified', {
      code: 'ssh-config',
      hint: 'set ssh_username',
    });
  const privateKey = credentials.privateKey ?? readKeyFile(credentials.privateKeyPath);
  if (privateKey !== undefined) checkKey(privateKey, passphrase, credentials.privateKeyPath ?? 'private key');
  return {
    host,
    port,
    username,
    ...(password === undefined ? {} : { password }),
    ...(privateKey === undefined ? {} : { privateKey }),
    ...(passphrase === undefined ? {} : { passphrase }),
    keepaliveInterval: KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: 3,
  };
}

function readKeyFile(path: string | undefined): Buffer | undefined {
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
