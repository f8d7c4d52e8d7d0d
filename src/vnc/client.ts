// connectVnc: a minimal RFB client that can type keys into QEMU, preferring QEMU's scancode-carrying key event.
// Not the `rfb2` package the design card names: against QEMU's VNC server it stalls for good once QEMU
// acknowledges the extended-key pseudo-encoding, has no scancode API, and breaks when bundled.

import { connect, type Socket } from 'node:net';
import { CancelledError, errorMessage, KilnError, throwIfAborted } from '../core/errors.js';
import { formatDuration } from '../core/format.js';
import { ByteReader } from './byte-reader.js';
import * as msg from './client-messages.js';
import { handshake, vncError } from './handshake.js';
import { pumpServerMessages } from './server-messages.js';

export interface VncConnectOptions {
  host: string;
  port: number;
  password?: string | undefined;
  signal: AbortSignal;
  /** Limit for connect + handshake + extended-key negotiation; default 10 s. */
  timeoutMs?: number | undefined;
  /** Receive the screen: the client then keeps asking for framebuffer updates and hands over the pixels. */
  screen?: ScreenSink | undefined;
}

/** Where the screen goes. Pixels are 4 bytes each in the format Kiln sets: blue, green, red, unused. */
export interface ScreenSink {
  resize(width: number, height: number): void;
  rect(x: number, y: number, width: number, height: number, pixels: Buffer): void;
}

export interface VncKeyEvent {
  readonly keysym: number;
  /** XT scancode, e0-prefixed keys as 0x80|code; only used when `extendedKeys` is true. */
  readonly scancode: number;
  readonly down: boolean;
}

export interface VncClient {
  /** True when the server acknowledged the QEMU Extended Key Event, so scancodes bypass its keymap. */
  readonly extendedKeys: boolean;
  readonly width: number;
  readonly height: number;
  readonly name: string;
  sendKey(event: VncKeyEvent): Promise<void>;
  /** Resolves with the reason once the connection has failed or been closed. */
  readonly ended: Promise<Error>;
  /** Idempotent; resolves once the socket is closed. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** QEMU acks -258 right after SetEncodings; other servers may need an update request first. */
const ACK_WAIT_MS = 500;
/** A watched screen is asked for changes at most this often: live enough to read, cheap under TCG. */
const SCREEN_INTERVAL_MS = 100;

export async function connectVnc(options: VncConnectOptions): Promise<VncClient> {
  throwIfAborted(options.signal);
  const target = `${options.host}:${options.port}`;
  const socket = connect({ host: options.host, port: options.port });
  const client = new RfbConnection(socket, target);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(
    () => client.fail(vncError({ target }, `no VNC handshake within ${formatDuration(timeoutMs)}`)),
    timeoutMs,
  );
  const onAbort = (): void =>
    client.fail(options.signal.reason instanceof KilnError ? options.signal.reason : new CancelledError());
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.start(options.password, options.screen);
    return client;
  } catch (error) {
    client.fail(
      error instanceof KilnError ? error : vncError({ target }, `handshake failed: ${errorMessage(error)}`),
    );
    await client.close();
    throw error instanceof KilnError
      ? error
      : vncError({ target }, `handshake failed: ${errorMessage(error)}`);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

class RfbConnection implements VncClient {
  extendedKeys = false;
  width = 0;
  height = 0;
  name = '';
  private readonly reader: ByteReader;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;
  private pump: Promise<never> | undefined;
  private ackReceived: () => void = () => {};
  private endedWith: (error: Error) => void = () => {};
  readonly ended = new Promise<Error>((resolve) => {
    this.endedWith = resolve;
  });
  private readonly ack = new Promise<void>((resolve) => {
    this.ackReceived = resolve;
  });

  constructor(
    private readonly socket: Socket,
    private readonly target: string,
  ) {
    this.reader = new ByteReader(socket);
    socket.setNoDelay(true);
    socket.on('error', (error) => {
      const what = socket.connecting || socket.bytesRead === 0 ? 'cannot connect' : 'connection lost';
      this.fail(
        vncError(
          { target: this.target },
          `${what}: ${error.message}`,
          'is QEMU running with -vnc on that address?',
        ),
      );
    });
    socket.on('close', () =>
      this.fail(vncError({ target: this.target }, 'the server closed the connection')),
    );
  }

  async start(password: string | undefined, screen: ScreenSink | undefined): Promise<void> {
    const init = await handshake(this.reader, {
      target: this.target,
      password,
      write: (data) => this.socket.write(data),
    });
    Object.assign(this, { width: init.width, height: init.height, name: init.name });
    screen?.resize(init.width, init.height);
    this.socket.write(msg.setPixelFormat());
    this.socket.write(
      msg.setEncodings([msg.ENCODING_RAW, msg.ENCODING_DESKTOP_SIZE, msg.ENCODING_QEMU_EXTENDED_KEY]),
    );
    this.pump = pumpServerMessages(this.reader, {
      bytesPerPixel: 4, // SetPixelFormat went out before anything that could trigger a Raw update
      onExtendedKeyAck: () => {
        this.extendedKeys = true;
        this.ackReceived();
      },
      onDesktopSize: (width, height) => {
        Object.assign(this, { width, height });
        screen?.resize(width, height);
      },
      onRaw: screen && ((x, y, width, height, pixels) => screen.rect(x, y, width, height, pixels)),
      onUpdateEnd: screen && (() => this.requestScreen(true)),
      unsupported: (what) => vncError({ target: this.target }, `unexpected ${what} (not requested by Kiln)`),
    });
    this.pump.catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
    if (await this.waitForAck(ACK_WAIT_MS)) return;
    // A tiny incremental request: enough to make a server answer with the pseudo-rect, no real pixels.
    this.socket.write(msg.framebufferUpdateRequest(true, 0, 0, 1, 1));
    await this.waitForAck(ACK_WAIT_MS);
    if (screen) this.requestScreen(false);
  }

  /** The whole screen once, then only what changed, paced so a busy screen does not flood the client. */
  private requestScreen(incremental: boolean): void {
    const ask = () => {
      if (!this.failure)
        this.socket.write(msg.framebufferUpdateRequest(incremental, 0, 0, this.width, this.height));
    };
    if (incremental) setTimeout(ask, SCREEN_INTERVAL_MS).unref();
    else ask();
  }

  async sendKey(event: VncKeyEvent): Promise<void> {
    if (this.failure) throw this.failure;
    const data = this.extendedKeys
      ? msg.qemuExtendedKeyEvent(event.down, event.keysym, event.scancode)
      : msg.keyEvent(event.down, event.keysym);
    await new Promise<void>((resolve, reject) => {
      this.socket.write(data, (error) => {
        if (!error) resolve();
        else
          reject(this.failure ?? vncError({ target: this.target }, `sending a key failed: ${error.message}`));
      });
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.fail(vncError({ target: this.target }, 'the connection is closed'));
      if (this.socket.destroyed) return resolve();
      // end() lets queued key events reach the server; destroy if it does not hang up promptly.
      const timer = setTimeout(() => this.socket.destroy(), 1000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
    return this.closing;
  }

  /** First failure wins: it is what sendKey reports from then on. */
  fail(error: Error): void {
    this.failure ??= error;
    this.endedWith(this.failure);
    this.reader.fail(this.failure);
    if (!this.closing) this.socket.destroy();
  }

  private async waitForAck(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([this.ack.then(() => true), this.pump ?? timeout, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
