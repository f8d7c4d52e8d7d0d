// Runs one command over an SSH exec channel, streaming decoded output and reporting how it ended.
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError } from '../core/errors.js';
import type { RunOptions, RunResult } from './communicator.js';

/** No session could be opened (connection gone, guest rebooting): the caller may reconnect and retry. */
export class SessionOpenError extends Error {
  constructor(cause: unknown) {
    super(`cannot open an SSH session: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SessionOpenError';
  }
}

/** Per-session requests, as Packer's ssh communicator makes them. */
export interface ExecRequests {
  /** `ssh_pty`: a pseudo-terminal (Packer asks for xterm, 40x80, no echo); stderr then arrives as stdout. */
  pty?: boolean;
  /** Forward the local agent into the session. */
  agentForward?: boolean;
}

const PTY = {
  term: 'xterm',
  rows: 40,
  cols: 80,
  modes: { ECHO: 0, TTY_OP_ISPEED: 14400, TTY_OP_OSPEED: 14400 },
} as const;

/** An exec channel and how its command ended (known once the channel closes). */
export interface ExecChannel {
  channel: ClientChannel;
  result(): RunResult;
}

/**
 * Opens an exec channel; rejects with SessionOpenError when the channel cannot be opened. The exit listener
 * goes on inside ssh2's callback: a fast command's exit status can arrive in the same packet batch as the
 * channel confirmation, before any later listener would be attached.
 */
export function openExec(client: Client, command: string, requests: ExecRequests = {}): Promise<ExecChannel> {
  const options = {
    ...(requests.pty ? { pty: { ...PTY, modes: { ...PTY.modes } } } : {}),
    ...(requests.agentForward ? { agentForward: true } : {}),
  };
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, options, (error, channel) => {
        if (error) return reject(new SessionOpenError(error));
        let result: RunResult = { exitCode: null };
        channel.on('exit', (code: number | null, signalName?: string) => {
          result =
            typeof code === 'number'
              ? { exitCode: code }
              : { exitCode: null, ...(signalName ? { signal: signalName } : {}) };
        });
        resolve({ channel, result: () => result });
      });
    } catch (error) {
      // ssh2 throws 'Not connected' synchronously once the socket is gone.
      reject(new SessionOpenError(error));
    }
  });
}

export function waitForChannel({ channel, result }: ExecChannel, options: RunOptions): Promise<RunResult> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    const onStdout = (chunk: Buffer): void => emit(options.onStdout, out.write(chunk));
    const onStderr = (chunk: Buffer): void => emit(options.onStderr, err.write(chunk));
    const onClose = (): void => {
      cleanup();
      emit(options.onStdout, out.end());
      emit(options.onStderr, err.end());
      resolve(result());
    };
    const onAbort = (): void => {
      cleanup();
      // Ask sshd to kill the command, then drop the channel either way.
      try {
        channel.signal('KILL');
      } catch {}
      channel.close();
      reject(new CancelledError());
    };
    const cleanup = (): void => {
      channel.off('data', onStdout);
      channel.stderr.off('data', onStderr);
      channel.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      // Keep the channel drained so a late packet cannot stall the connection's window.
      channel.resume();
      channel.stderr.resume();
    };
    channel.on('data', onStdout);
    channel.stderr.on('data', onStderr);
    channel.once('close', onClose);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function emit(sink: ((chunk: string) => void) | undefined, text: string): void {
  if (sink && text) sink(text);
}
