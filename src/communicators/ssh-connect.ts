// One SSH connection attempt: banner probe, then ssh2's key exchange and authentication, abortable throughout.
// With a bastion, the attempt logs in to the jump host first and runs the guest's SSH through a
// direct-tcpip channel it opens (Packer's BastionConnectFunc); closing the guest connection ends both.
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel } from 'ssh2';
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
  if (config.bastion) return connectThroughBastion(config, config.bastion, options);
  const socket = await probeSshBanner({
    host: config.host,
    port: config.port,
    bannerTimeoutMs: options.bannerTimeoutMs,
    signal: options.signal,
  });
  return handshake(config, socket, options);
}

async function connectThroughBastion(
  config: SshClientConfig,
  bastionConfig: SshClientConfig,
  options: ConnectAttemptOptions,
): Promise<Client> {
  const bastion = await connectSsh(bastionConfig, options).catch((error: unknown) => {
    throw aboutBastion(error, bastionConfig);
  });
  bastion.on('error', () => {});
  try {
    const channel = await forwardOut(bastion, config.host, config.port);
    // ssh2 treats a socket's 'end' as half-closed and only fails open sessions on 'close': when the guest
    // side goes away (reboot), finish the channel so commands see the disconnect as they do over TCP.
    channel.once('end', () => channel.destroy());
    const client = await handshake(config, channel, options);
    client.once('close', () => bastion.end());
    return client;
  } catch (error) {
    bastion.end();
    throw error;
  }
}

function forwardOut(bastion: Client, host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    bastion.forwardOut('127.0.0.1', 0, host, port, (error, channel) =>
      error ? reject(error) : resolve(channel),
    );
  });
}

/** Packer's "Error connecting to bastion", keeping code/level so the wait loop still classifies it. */
function aboutBastion(error: unknown, bastion: SshClientConfig): unknown {
  if (!(error instanceof Error) || error instanceof CancelledError || error instanceof KilnError)
    return error;
  error.message = `Error connecting to bastion ${bastion.host}:${bastion.port}: ${error.message}`;
  return error;
}

function handshake(config: SshClientConfig, socket: Duplex, options: ConnectAttemptOptions): Promise<Client> {
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
      const { bastion: _viaBastion, ...connectConfig } = config;
      client.connect({ ...connectConfig, sock: socket, readyTimeout: options.handshakeTimeoutMs });
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
