// Turns ssh2/socket errors into words a user understands, and decides which of them are worth retrying.

export type SshFailureKind = 'refused' | 'reset' | 'no-banner' | 'handshake-timeout' | 'auth' | 'other';

export interface SshFailure {
  kind: SshFailureKind;
  /** Human wording for the timeout message, e.g. "connection refused". */
  description: string;
  /** The raw error text, kept for logs. */
  raw: string;
}

/** Error raised by the banner probe when the TCP connection opened but sshd sent nothing in time. */
export class NoBannerError extends Error {
  constructor(ms: number) {
    super(`no SSH banner within ${ms}ms`);
    this.name = 'NoBannerError';
  }
}

export function classifySshError(error: unknown, username: string): SshFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : '';
  const level = error instanceof Error && 'level' in error ? String((error as { level: unknown }).level) : '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', description: 'connection refused', raw };
  if (error instanceof NoBannerError) {
    return {
      kind: 'no-banner',
      description: 'handshake timed out (sshd not answering yet — the install may still be running)',
      raw,
    };
  }
  if (level === 'client-timeout' || /timed out while waiting for handshake/i.test(raw)) {
    return { kind: 'handshake-timeout', description: 'SSH handshake timed out', raw };
  }
  if (level === 'client-authentication' || /authentication methods failed|authenticate/i.test(raw)) {
    return {
      kind: 'auth',
      description: `authentication failed for user ${username} (check ssh_username/ssh_password)`,
      raw,
    };
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /connection lost before handshake|socket closed/i.test(raw)
  ) {
    return { kind: 'reset', description: 'connection reset (sshd not accepting yet)', raw };
  }
  return { kind: 'other', description: raw, raw };
}

/** What to do next, per last failure seen when the overall wait ran out. */
export function hintForFailure(failure: SshFailure | undefined, host: string, port: number): string {
  switch (failure?.kind) {
    case 'refused':
      return `nothing listens on ${host}:${port}: check that the VM's SSH port forward exists and the VM is running`;
    case 'auth':
      return 'sshd answers but refuses the login: check ssh_username, ssh_password or ssh_private_key_file, and that the guest allows this user to log in over SSH';
    case 'no-banner':
    case 'reset':
    case 'handshake-timeout':
      return 'ssh_timeout must cover the whole OS install: watch the VM console (VNC) to see whether the installer is still running or stuck';
    default:
      return 'check the SSH settings (ssh_host, ssh_port) and the VM console';
  }
}
