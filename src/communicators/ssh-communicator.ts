// A live SSH connection to the guest: run commands, upload (SFTP, or scp when the server has no SFTP) and
// download files, reconnecting transparently when no session can be opened (e.g. after a reboot).
import type { Client } from 'ssh2';
import { CancelledError, errorMessage, KilnError } from '../core/errors.js';
import type { Communicator, RunOptions, RunResult, TransferOptions } from './communicator.js';
import { connectSsh } from './ssh-connect.js';
import { openExec, SessionOpenError, waitForChannel } from './ssh-exec.js';
import type { SshClientConfig } from './ssh-options.js';
import { scpUpload } from './ssh-scp.js';
import { NoSftpError, sftpDownload, sftpUpload, withSftp } from './ssh-sftp.js';

const DEFAULT_UPLOAD_MODE = 0o644;

export class SshCommunicator implements Communicator {
  private client: Client;
  private connected = true;
  private closed = false;
  private sftpMissing = false;
  /** Last connection-level error; ssh2 emits 'error' on the client and an unheard one would crash. */
  lastError: string | undefined;

  constructor(
    client: Client,
    private readonly config: SshClientConfig,
  ) {
    this.client = client;
    this.adopt(client);
  }

  async run(command: string, options: RunOptions): Promise<RunResult> {
    const exec = await this.withSession(options.signal, (client) => openExec(client, command));
    // No stdin: send EOF so a command that reads it does not hang (as Packer's nil Stdin).
    exec.channel.end();
    return waitForChannel(exec, options);
  }

  async upload(source: string | Buffer, remotePath: string, options: TransferOptions): Promise<void> {
    const mode = options.mode ?? DEFAULT_UPLOAD_MODE;
    await this.withSession(options.signal, async (client) => {
      if (!this.sftpMissing) {
        try {
          return await withSftp(client, options.signal, (sftp) => sftpUpload(sftp, source, remotePath, mode));
        } catch (error) {
          if (!(error instanceof NoSftpError)) throw error;
          this.sftpMissing = true;
        }
      }
      return scpUpload(client, source, remotePath, mode, options.signal);
    });
  }

  async download(remotePath: string, localPath: string, options: TransferOptions): Promise<void> {
    await this.withSession(options.signal, (client) =>
      withSftp(client, options.signal, (sftp) => sftpDownload(sftp, remotePath, localPath)),
    );
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

  /** Runs `open` on the current connection; when no session can be opened, reconnects once and retries. */
  private async withSession<T>(signal: AbortSignal, open: (client: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new KilnError('the SSH connection was closed', { code: 'ssh-closed' });
    if (signal.aborted) throw new CancelledError();
    if (!this.connected) await this.reconnect(signal);
    try {
      return await open(this.client);
    } catch (error) {
      if (!(error instanceof SessionOpenError)) throw error;
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
