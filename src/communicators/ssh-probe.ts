// Opens a TCP connection and waits for sshd's identification line, so a forward that accepts TCP with no
// sshd behind it (QEMU's slirp) is told apart from a live sshd within a second or two.
import { connect, type Socket } from 'node:net';
import { CancelledError } from '../core/errors.js';
import { NoBannerError } from './ssh-errors.js';

export interface ProbeOptions {
  host: string;
  port: number;
  /** How long sshd may take to send its banner after the TCP connection opened. */
  bannerTimeoutMs: number;
  signal: AbortSignal;
}

/**
 * Resolves with a connected socket whose received bytes (the banner) were pushed back with `unshift`, so ssh2
 * can take the socket over and read them again. Rejects with the socket error, NoBannerError or CancelledError;
 * on rejection the socket is destroyed.
 */
export function probeSshBanner({ host, port, bannerTimeoutMs, signal }: ProbeOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    let received = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined;

    const finish = (error: unknown | undefined): void => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('data', onData);
      socket.off('error', finish);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (error !== undefined) {
        socket.destroy();
        reject(error);
        return;
      }
      socket.pause();
      socket.unshift(received);
      resolve(socket);
    };
    const onConnect = (): void => {
      timer = setTimeout(() => finish(new NoBannerError(bannerTimeoutMs)), bannerTimeoutMs);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      // The identification line may follow other text lines (RFC 4253 §4.2); wait for the SSH- line itself.
      if (/(^|\n)SSH-/.test(received.toString('latin1'))) finish(undefined);
    };
    const onClose = (): void => {
      const error = Object.assign(new Error('Connection lost before handshake'), { code: 'ECONNRESET' });
      finish(error);
    };
    const onAbort = (): void => finish(new CancelledError());

    socket.once('connect', onConnect);
    socket.on('data', onData);
    socket.once('error', finish);
    socket.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
