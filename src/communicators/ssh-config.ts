// SSH communicator options of a QEMU build (Packer SDK communicator.Config, v1.6.6 defaults).

import type { ConfigSchema } from '../template/decode/decode-config.js';
import type { FieldReader } from '../template/decode/field-reader.js';
import type { ProblemCollector } from '../template/problems.js';
import { checkKeyBits, type TemporaryKeyType } from './ssh-keygen.js';
import { WINRM_FIELDS, warnInertWinrmOptions } from './winrm-options.js';

export interface SshConfig {
  /** 'ssh' (default) or 'none'. */
  readonly communicator: 'ssh' | 'none';
  /** Empty: connect to 127.0.0.1 through the forwarded host port. */
  readonly sshHost: string | undefined;
  readonly sshPort: number;
  readonly sshUsername: string;
  readonly sshPassword: string | undefined;
  /** As written (with `~` not yet expanded); checked to exist at load. */
  readonly sshPrivateKeyFile: string | undefined;
  readonly sshAgentAuth: boolean;
  readonly sshPty: boolean;
  /** ms; 0 = wait forever. */
  readonly sshTimeoutMs: number;
  /** 0 = unlimited. */
  readonly sshHandshakeAttempts: number;
  /** ms; negative disables keep-alives. */
  readonly sshKeepAliveIntervalMs: number;
  /** ms; 0 = no per-command timeout. */
  readonly sshReadWriteTimeoutMs: number;
  readonly sshDisableAgentForwarding: boolean;
  readonly sshClearAuthorizedKeys: boolean;
  readonly sshFileTransferMethod: 'scp' | 'sftp';
  readonly sshCiphers: readonly string[] | undefined;
  readonly sshKeyExchangeAlgorithms: readonly string[] | undefined;
  /** Generated when no password, key file or agent is given. */
  readonly temporaryKeyPairType: TemporaryKeyType;
  /** undefined: the type's default (RSA 4096, ECDSA 521). */
  readonly temporaryKeyPairBits: number | undefined;
  /** ms to pause after the first successful connection before connecting again (Packer's StepConnect). */
  readonly pauseBeforeConnectingMs: number;
  /** `ssh_bastion_*`: reach the guest through this jump host. */
  readonly sshBastion: SshBastionConfig | undefined;
}

export interface SshBastionConfig {
  readonly host: string;
  /** Default 22. */
  readonly port: number;
  readonly username: string;
  readonly password: string | undefined;
  /** Defaults to ssh_private_key_file, as Packer. */
  readonly privateKeyFile: string | undefined;
  readonly agentAuth: boolean;
}

const later = 'Kiln does not implement it yet';
const notLocal = 'it applies to cloud builders, not to a local QEMU VM';

export const COMMUNICATOR_SCHEMA: ConfigSchema = {
  fields: {
    communicator: { kind: 'string' },
    pause_before_connecting: { kind: 'duration' },
    ssh_host: { kind: 'string' },
    ssh_port: { kind: 'int' },
    ssh_username: { kind: 'string' },
    ssh_password: { kind: 'string' },
    ssh_private_key_file: { kind: 'string' },
    ssh_agent_auth: { kind: 'bool' },
    ssh_pty: { kind: 'bool' },
    ssh_timeout: { kind: 'duration' },
    ssh_wait_timeout: { kind: 'duration', into: 'sshTimeoutMs' },
    ssh_handshake_attempts: { kind: 'int' },
    ssh_keep_alive_interval: { kind: 'duration' },
    ssh_read_write_timeout: { kind: 'duration' },
    ssh_disable_agent_forwarding: { kind: 'bool' },
    ssh_clear_authorized_keys: { kind: 'bool' },
    ssh_file_transfer_method: { kind: 'string' },
    ssh_ciphers: { kind: 'stringList' },
    ssh_key_exchange_algorithms: { kind: 'stringList' },
    temporary_key_pair_type: { kind: 'string' },
    temporary_key_pair_bits: { kind: 'int' },
    ssh_bastion_host: { kind: 'string', into: 'sshBastion' },
    ssh_bastion_port: { kind: 'int', into: 'sshBastion' },
    ssh_bastion_username: { kind: 'string', into: 'sshBastion' },
    ssh_bastion_password: { kind: 'string', into: 'sshBastion' },
    ssh_bastion_private_key_file: { kind: 'string', into: 'sshBastion' },
    ssh_bastion_agent_auth: { kind: 'bool', into: 'sshBastion' },
    ...WINRM_FIELDS,
  },
  unsupported: {
    ssh_certificate_file: 'the SSH library Kiln uses (ssh2) cannot log in with OpenSSH certificates',
    ssh_bastion_interactive:
      'Kiln never prompts on the terminal during a build; use ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth',
    ssh_bastion_certificate_file: 'the SSH library Kiln uses (ssh2) cannot log in with OpenSSH certificates',
    ssh_keypair_name: notLocal,
    temporary_key_pair_name: notLocal,
    ssh_interface: notLocal,
    ssh_ip_version: notLocal,
    ...Object.fromEntries(
      [
        'ssh_proxy_host',
        'ssh_proxy_port',
        'ssh_proxy_username',
        'ssh_proxy_password',
        'ssh_remote_tunnels',
        'ssh_local_tunnels',
      ].map((key) => [key, later]),
    ),
  },
  deprecated: {
    ssh_key_path: "use 'ssh_private_key_file'",
    ssh_disable_agent: "use 'ssh_disable_agent_forwarding'",
    ssh_skip_nat_mapping: "use 'skip_nat_mapping'",
  },
};

const KEY_TYPES: readonly TemporaryKeyType[] = ['rsa', 'ecdsa', 'ed25519'];

/** Applies Packer 1.6.6's prepareSSH defaults and checks; `base` is the key path of the builder. */
export function resolveSshConfig(f: FieldReader, base: string, problems: ProblemCollector): SshConfig {
  const communicator = f.string('communicator') || 'ssh';
  if (communicator === 'winrm')
    problems.unsupported(`${base}.communicator`, "communicator 'winrm' is not supported by Kiln");
  else if (communicator !== 'ssh' && communicator !== 'none') {
    problems.add(
      `${base}.communicator`,
      `communicator type '${communicator}' is invalid; use 'ssh' or 'none'`,
    );
  }
  warnInertWinrmOptions(f, base, communicator, problems);
  const isSsh = communicator === 'ssh';
  const username = f.string('ssh_username') ?? '';
  if (isSsh && username === '') problems.add(`${base}.ssh_username`, 'an ssh_username must be specified');
  // A JSON template's ssh_wait_timeout was rewritten to ssh_timeout at load (an existing ssh_timeout wins, as
  // with `packer fix`); HCL2 has no fixers, and the SDK lets ssh_wait_timeout override ssh_timeout.
  const timeout = f.duration('ssh_wait_timeout') || f.duration('ssh_timeout') || 5 * 60_000;
  const method = f.string('ssh_file_transfer_method') || 'scp';
  if (method !== 'scp' && method !== 'sftp') {
    problems.add(
      `${base}.ssh_file_transfer_method`,
      `ssh_file_transfer_method ('${method}') is invalid, valid methods: sftp, scp`,
    );
  }
  const keyType = f.string('temporary_key_pair_type') || 'rsa';
  const knownType = KEY_TYPES.find((type) => type === keyType);
  if (keyType === 'dsa') {
    problems.unsupported(
      `${base}.temporary_key_pair_type`,
      "temporary_key_pair_type 'dsa' is not supported by Kiln: OpenSSH 7.0 and later refuse DSA keys; use rsa, ecdsa or ed25519",
    );
  } else if (knownType === undefined) {
    problems.add(
      `${base}.temporary_key_pair_type`,
      `expected one of dsa, ecdsa, ed25519, rsa, found '${keyType}'`,
    );
  }
  const keyBits = f.int('temporary_key_pair_bits') || undefined;
  const bitsProblem = knownType && keyBits !== undefined ? checkKeyBits(knownType, keyBits) : undefined;
  if (bitsProblem) problems.add(`${base}.temporary_key_pair_bits`, bitsProblem);
  return {
    communicator: communicator === 'none' ? 'none' : 'ssh',
    sshHost: f.string('ssh_host') || undefined,
    sshPort: f.int('ssh_port') || 22,
    sshUsername: username,
    sshPassword: f.string('ssh_password') || undefined,
    sshPrivateKeyFile: f.string('ssh_private_key_file') || undefined,
    sshAgentAuth: f.bool('ssh_agent_auth') ?? false,
    sshPty: f.bool('ssh_pty') ?? false,
    sshTimeoutMs: timeout,
    sshHandshakeAttempts: f.int('ssh_handshake_attempts') || 10,
    sshKeepAliveIntervalMs: f.duration('ssh_keep_alive_interval') || 5000,
    sshReadWriteTimeoutMs: f.duration('ssh_read_write_timeout') ?? 0,
    sshDisableAgentForwarding: f.bool('ssh_disable_agent_forwarding') ?? false,
    sshClearAuthorizedKeys: f.bool('ssh_clear_authorized_keys') ?? false,
    sshFileTransferMethod: method === 'sftp' ? 'sftp' : 'scp',
    sshCiphers: f.stringList('ssh_ciphers'),
    sshKeyExchangeAlgorithms: f.stringList('ssh_key_exchange_algorithms'),
    temporaryKeyPairType: knownType ?? 'rsa',
    temporaryKeyPairBits: keyBits,
    pauseBeforeConnectingMs: f.duration('pause_before_connecting') ?? 0,
    sshBastion: resolveBastion(f, base, problems),
  };
}

function resolveBastion(
  f: FieldReader,
  base: string,
  problems: ProblemCollector,
): SshBastionConfig | undefined {
  const host = f.string('ssh_bastion_host') || undefined;
  if (host === undefined) return undefined;
  const agentAuth = f.bool('ssh_bastion_agent_auth') ?? false;
  const password = f.string('ssh_bastion_password') || undefined;
  const privateKeyFile =
    f.string('ssh_bastion_private_key_file') || f.string('ssh_private_key_file') || undefined;
  if (!agentAuth && password === undefined && privateKeyFile === undefined) {
    problems.add(
      `${base}.ssh_bastion_host`,
      'ssh_bastion_password or ssh_bastion_private_key_file must be specified',
    );
  }
  const username = f.string('ssh_bastion_username') ?? '';
  if (username === '')
    problems.add(`${base}.ssh_bastion_username`, 'an ssh_bastion_username must be specified');
  return { host, port: f.int('ssh_bastion_port') || 22, username, password, privateKeyFile, agentAuth };
}
