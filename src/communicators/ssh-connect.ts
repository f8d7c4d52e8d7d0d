// One SSH connection attempt: banner probe, then ssh2's key exchange and authentication, abortable throughout.
import type { Socket } from 'node:net';
import { Client } from 'ssh2';
import { CancelledError, errorMessage, KilnError } from '../core/errors.js';
import type { SshClientConfig } from './ssh-options.js';
import { probeSshBanner } from './ssh-probe.js';

export interface ConnectAttemptOptions {
  signal: AbortSignal;
  /** How long sshd may take to send its banner once TCP is connected. */
  bannerTimeoutMs: number;
  /** Key exchange + authentication, once the banner arrived (slow under TCG, hence generous). */
  handshakeTimeoutMs: number;
}

/** Resolves with a ready (authenticated) client; rejects with the raw error so the caller can classify it. */
export async function connectSsh(config: SshClientConfig, options: ConnectAttemptOptions): Promise<Client> {
  const socket = await probeSshBanner({
    host: config.host,
    port: config.port,
    bannerTimeoutMs: options.bannerTimeoutMs,
    signal: options.signal,
  });
  return handshake(config, socket, options);
}

function handshake(config: SshClientConfig, socket: Socket, options: ConnectAttemptOptions): Promise<Client> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    const client = new Client();
    const finish = (error: unknown | undefined): void => {
      client.off('ready', onReady);
      client.off('error', finish);
      client.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve(client);
        return;
      }
      // ssh2 may still report the teardown; an 'error' with no listener would crash the process.
      client.on('error', () => {});
      client.end();
      socket.destroy();
      reject(error);
    };
    const onReady = (): void => finish(undefined);
    const onClose = (): void => finish(new Error('Connection lost during SSH handshake'));
    const onAbort = (): void => finish(new CancelledError());
    // Password logins also answer keyboard-interactive prompts (Packer's PasswordKeyboardInteractive).
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, answer) =>
      answer(prompts.map(() => config.password ?? '')),
    );
    client.once('ready', onReady);
    client.once('error', finish);
    client.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    try {
      // ssh2 throws synchronously for some bad inputs (e.g. a wrong key passphrase): report, don't crash.
      client.connect({ ...config, sock: socket, readyTimeout: options.handshakeTimeoutMs });
    } catch (error) {
      finish(
        new KilnError(`cannot start SSH connection: ${errorMessage(error)}`, {
          code: 'ssh-config',
          cause: error,
        }),
      );
    }
  });
}
