// A live SSH connection to the guest: run commands (with a pty and agent forwarding when asked), upload over
// scp or SFTP (`ssh_file_transfer_method`), download over SFTP, give up on a transfer or command idle for
// `ssh_read_write_timeout`, and reconnect transparently when no session can be opened (e.g. after a reboot).
import type { Client } from 'ssh2';
import type { Logger } from '../core/debug-log.js';
import { CancelledError, errorMessage, KilnError } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import type { Communicator, RunOptions, RunResult, TransferOptions } from './communicator.js';
import { createIdleSignal } from './idle-signal.js';
import { connectSsh } from './ssh-connect.js';
import { openExec, SessionOpenError, waitForChannel } from './ssh-exec.js';
import type { SshClientConfig } from './ssh-options.js';
import { scpUpload } from './ssh-scp.js';
import { sftpDownload, sftpUpload, withSftp } from './ssh-sftp.js';

const DEFAULT_UPLOAD_MODE = 0o644;

/** How sessions on the connection behave (Packer's ssh.Config Pty, UseSftp, Timeout). */
export interface SshSessionOptions {
  /** `ssh_pty` */
  pty: boolean;
  /** `ssh_file_transfer_method`: how uploads travel. */
  fileTransferMethod: 'scp' | 'sftp';
  /** `ssh_read_write_timeout`: a command or transfer with no data for this long fails; 0 = never. */
  readWriteTimeoutMs: number;
}

export const DEFAULT_SESSION_OPTIONS: SshSessionOptions = {
  pty: false,
  fileTransferMethod: 'scp',
  readWriteTimeoutMs: 0,
};

export class SshCommunicator implements Communicator {
  private client: Client;
  private connected = true;
  private closed = false;
  /** Last connection-level error; ssh2 emits 'error' on the client and an unheard one would crash. */
  lastError: string | undefined;

  constructor(
    client: Client,
    private readonly config: SshClientConfig,
    private readonly session: SshSessionOptions = DEFAULT_SESSION_OPTIONS,
    /** The debug log: every command and transfer, as Packer logs "starting remote command". */
    private readonly log?: Logger,
  ) {
    this.client = client;
    this.adopt(client);
  }

  async run(command: string, options: RunOptions): Promise<RunResult> {
    this.log?.debug(`starting remote command: ${command}`);
    const result = await this.logFailure('remote command', this.runCommand(command, options));
    const how = result.exitCode ?? (result.signal ? `signal ${result.signal}` : 'no exit status');
    this.log?.debug(`remote command exited with ${how}: ${command}`);
    return result;
  }

  private runCommand(command: string, options: RunOptions): Promise<RunResult> {
    return this.idleLimited(options.signal, `remote command '${command}'`, async (signal, touch, pause) => {
      const requests = { pty: this.session.pty, agentForward: this.config.agentForward };
      const exec = await this.withSession(
        signal,
        (client) => {
          touch();
          return openExec(client, command, requests);
        },
        pause,
      );
      // The channel is open: the command's own silence is what counts from here.
      touch();
      // No stdin: send EOF so a command that reads it does not hang (as Packer's nil Stdin).
      exec.channel.end();
      return waitForChannel(exec, {
        signal,
        onStdout: (chunk) => {
          touch();
          options.onStdout?.(chunk);
        },
        onStderr: (chunk) => {
          touch();
          options.onStderr?.(chunk);
        },
      });
    });
  }

  upload(source: string | Buffer, remotePath: string, options: TransferOptions): Promise<void> {
    const mode = options.mode ?? DEFAULT_UPLOAD_MODE;
    const what = typeof source === 'string' ? source : `${source.length} bytes`;
    this.log?.debug(`uploading ${what} to ${remotePath} over ${this.session.fileTransferMethod}`);
    return this.logFailure('upload', this.uploadVia(source, remotePath, mode, options));
  }

  private uploadVia(
    source: string | Buffer,
    remotePath: string,
    mode: number,
    options: TransferOptions,
  ): Promise<void> {
    return this.idleLimited(options.signal, `upload to ${remotePath}`, (signal, touch, pause) =>
      this.withSession(
        signal,
        (client) => {
          touch();
          return this.session.fileTransferMethod === 'sftp'
            ? withSftp(client, signal, (sftp) => sftpUpload(sftp, source, remotePath, mode, touch))
            : scpUpload(client, source, remotePath, mode, signal, touch);
        },
        pause,
      ),
    );
  }

  download(remotePath: string, localPath: string, options: TransferOptions): Promise<void> {
    this.log?.debug(`downloading ${remotePath} to ${localPath} over sftp`);
    return this.logFailure('download', this.downloadVia(remotePath, localPath, options));
  }

  private downloadVia(remotePath: string, localPath: string, options: TransferOptions): Promise<void> {
    return this.idleLimited(options.signal, `download of ${remotePath}`, (signal, touch, pause) =>
      this.withSession(
        signal,
        (client) => {
          touch();
          return withSftp(client, signal, (sftp) => sftpDownload(sftp, remotePath, localPath, touch));
        },
        pause,
      ),
    );
  }

  private async logFailure<T>(what: string, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      this.log?.debug(`${what} failed: ${errorMessage(error)}`);
      throw error;
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    if (!this.connected) {
      this.client.destroy();
      return Promise.resolve();
    }
    return endClient(this.client);
  }

  /**
   * Runs `work` with a signal that also fires when it reports no progress for ssh_read_write_timeout; the
   * clock starts once a session is being opened and stops during a reconnect, which may take a reboot.
   */
  private async idleLimited<T>(
    parent: AbortSignal,
    what: string,
    work: (signal: AbortSignal, touch: () => void, pause: () => void) => Promise<T>,
  ): Promise<T> {
    const limit = this.session.readWriteTimeoutMs;
    const idle = createIdleSignal(parent, limit);
    try {
      return await work(idle.signal, idle.touch, idle.pause);
    } catch (error) {
      if (!idle.timedOut()) throw error;
      throw new KilnError(`${what}: no data for ${formatDuration(limit)}`, {
        code: 'ssh-timeout',
        hint: 'ssh_read_write_timeout ended it; raise or remove it if the guest is just slow',
        cause: error,
      });
    } finally {
      idle.dispose();
    }
  }

  /**
   * Runs `open` on the current connection; when no session can be opened, reconnects once and retries.
   * `beforeReconnect` stops the caller's idle clock: a reconnect's wait is not the guest's silence.
   */
  private async withSession<T>(
    signal: AbortSignal,
    open: (client: Client) => Promise<T>,
    beforeReconnect: () => void,
  ): Promise<T> {
    if (this.closed) throw new KilnError('the SSH connection was closed', { code: 'ssh-closed' });
    if (signal.aborted) throw new CancelledError();
    if (!this.connected) await this.reconnect(signal);
    try {
      return await open(this.client);
    } catch (error) {
      if (!(error instanceof SessionOpenError)) throw error;
      beforeReconnect();
      await this.reconnect(signal);
      return open(this.client);
    }
  }

  private async reconnect(signal: AbortSignal): Promise<void> {
    this.connected = false;
    this.client.destroy();
    try {
      this.client = await connectSsh(this.config, {
        signal,
        bannerTimeoutMs: 5_000,
        handshakeTimeoutMs: 30_000,
      });
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      throw new KilnError(
        `lost the SSH connection to ${this.config.host}:${this.config.port} and could not reconnect: ${errorMessage(error)}`,
        {
          code: 'ssh-disconnected',
          cause: error,
        },
      );
    }
    this.connected = true;
    this.adopt(this.client);
  }

  private adopt(client: Client): void {
    client.setNoDelay(true);
    client.on('error', (error: Error) => {
      this.lastError = error.message;
    });
    client.once('close', () => {
      if (client === this.client) this.connected = false;
    });
  }
}

/** Ends a client and waits (bounded) for its socket to close, so tests and builds leave no socket open. */
function endClient(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.destroy();
      resolve();
    }, 2_000);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.end();
  });
}
