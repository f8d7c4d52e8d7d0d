// Waits until the guest's sshd completes a handshake and accepts the login (Packer's StepConnectSSH loop),
// noticing readiness within about a second and explaining in plain words what it last saw when it gives up.
import type { Logger } from '../core/debug-log.js';
import { CancelledError, KilnError, WaitTimeoutError } from '../core/errors.js';
import { abortableSleep, createDeadlineSignal } from '../core/wait.js';
import { DEFAULT_SESSION_OPTIONS, SshCommunicator, type SshSessionOptions } from './ssh-communicator.js';
import { connectSsh } from './ssh-connect.js';
import { classifySshError, hintForFailure, type SshFailure } from './ssh-errors.js';
import { resolveSshClientConfig, type SshCredentials } from './ssh-options.js';

export interface WaitForSshOptions extends SshCredentials {
  /** Overall limit (`ssh_timeout`); 0 waits forever. */
  timeoutMs: number;
  /** Authentication failures tolerated (`ssh_handshake_attempts`); 0 = unlimited. Other errors never count. */
  handshakeAttempts: number;
  signal: AbortSignal;
  onAttempt?: (info: { attempt: number; error: string }) => void;
  /** Returns why the VM can no longer answer (e.g. "QEMU exited with code 1"), or undefined while it runs. */
  isAlive?: () => string | undefined;
  /** Banner wait per attempt; default 1500 ms. */
  bannerTimeoutMs?: number;
  /** Key exchange + auth per attempt once sshd answered; default 30 s. */
  handshakeTimeoutMs?: number;
  /** How the connected communicator runs commands and moves files (pty, scp/sftp, idle timeout). */
  session?: Partial<SshSessionOptions>;
  /** The debug log: each attempt and how it ended (never a password or key). */
  log?: Logger;
}

/** Attempts start at most this often, so instant failures (refused) do not spin. */
const MIN_ATTEMPT_INTERVAL_MS = 500;
/** Pause after a failed login, so a wrong password does not hammer sshd (Packer sleeps 2 s). */
const AUTH_RETRY_DELAY_MS = 1_000;

export async function waitForSsh(options: WaitForSshOptions): Promise<SshCommunicator> {
  const config = resolveSshClientConfig(options);
  const { signal, timeoutMs, handshakeAttempts, log } = options;
  const target = `${options.username}@${options.host}:${options.port}${options.bastion ? ` via ${options.bastion.host}:${options.bastion.port}` : ''}`;
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
  let last: SshFailure | undefined;
  let authFailures = 0;
  for (let attempt = 1; ; attempt++) {
    throwIfDead(options.isAlive);
    if (signal.aborted) throw new CancelledError();
    const started = Date.now();
    const remaining = deadline - started;
    if (remaining <= 0) throw timeoutError(options, last);
    const attemptDeadline = createDeadlineSignal(signal, remaining);
    log?.debug(`attempt ${attempt}: connecting to ${target} (${authMethods(options)})`);
    try {
      const client = await connectSsh(config, {
        signal: attemptDeadline.signal,
        bannerTimeoutMs: options.bannerTimeoutMs ?? 1_500,
        handshakeTimeoutMs: Math.min(options.handshakeTimeoutMs ?? 30_000, remaining),
      });
      log?.debug(`attempt ${attempt}: connected after ${Date.now() - started} ms`);
      return new SshCommunicator(client, config, { ...DEFAULT_SESSION_OPTIONS, ...options.session }, log);
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      if (error instanceof KilnError && error.code !== 'cancelled') throw error;
      // The per-attempt deadline fired: the overall wait is over.
      if (attemptDeadline.timedOut()) throw timeoutError(options, last);
      last = classifySshError(error, options.username);
      log?.debug(
        `attempt ${attempt} failed after ${Date.now() - started} ms: ${last.description} (${last.raw})`,
      );
      options.onAttempt?.({ attempt, error: last.description });
      if (last.kind === 'auth') {
        authFailures++;
        if (handshakeAttempts > 0 && authFailures >= handshakeAttempts)
          throw authError(options, last, authFailures);
      }
    } finally {
      attemptDeadline.dispose();
    }
    const pause =
      last?.kind === 'auth' ? AUTH_RETRY_DELAY_MS : MIN_ATTEMPT_INTERVAL_MS - (Date.now() - started);
    await pauseBeforeRetry(Math.min(pause, deadline - Date.now()), signal, options.isAlive);
  }
}

/** Which ways of logging in this attempt offers, by name only. */
function authMethods(options: WaitForSshOptions): string {
  const methods = [
    ...(options.password !== undefined ? ['password'] : []),
    ...(options.privateKey !== undefined || options.privateKeyPath ? ['private key'] : []),
    ...(options.agentAuth ? ['agent'] : []),
  ];
  return methods.length ? methods.join(', ') : 'no credentials';
}

function throwIfDead(isAlive: (() => string | undefined) | undefined): void {
  const reason = isAlive?.();
  if (reason !== undefined) {
    throw new KilnError(`stopped waiting for SSH: ${reason}`, {
      code: 'vm-died',
      hint: 'the VM stopped before SSH came up: check the VM console output and the QEMU arguments',
    });
  }
}

/** Sleeps in short slices so a VM that dies meanwhile is noticed at once. */
async function pauseBeforeRetry(
  ms: number,
  signal: AbortSignal,
  isAlive: (() => string | undefined) | undefined,
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      await abortableSleep(Math.min(250, until - Date.now()), signal);
    } catch {
      throw new CancelledError();
    }
    throwIfDead(isAlive);
  }
}

function timeoutError(options: WaitForSshOptions, last: SshFailure | undefined): WaitTimeoutError {
  return new WaitTimeoutError(
    `SSH on ${options.host}:${options.port}`,
    options.timeoutMs,
    last?.description,
    hintForFailure(last, options.host, options.port),
  );
}

function authError(options: WaitForSshOptions, last: SshFailure, failures: number): KilnError {
  return new KilnError(
    `SSH ${last.description}, ${failures} time(s) on ${options.host}:${options.port} (${last.raw})`,
    {
      code: 'ssh-auth',
      hint: hintForFailure(last, options.host, options.port),
    },
  );
}
