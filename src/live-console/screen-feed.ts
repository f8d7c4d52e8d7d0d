// Kiln's own VNC connection for the page: receives the VM's screen into a framebuffer and carries the user's
// keys in interactive mode. It lives from start-vm to the VM's end; QEMU's VNC server outlives guest reboots
// (the screen is resized through DesktopSize), and a dropped connection is retried while the build runs.
import { errorMessage } from '../core/errors.js';
import { abortableSleep } from '../core/wait.js';
import { connectVnc, type VncClient, type VncKeyEvent } from '../vnc/index.js';
import type { VncTarget } from './build-console.js';
import type { Framebuffer } from './framebuffer.js';

const RETRY_MS = 1_000;

export interface ScreenEvents {
  resized(width: number, height: number): void;
  /** One changed rectangle, as its WebSocket message. */
  changed(message: Buffer): void;
  /** 'live', or why there is no picture now. */
  state(state: string): void;
}

export interface ScreenFeed {
  /** Sends a key to the VM; false when there is no connection right now. */
  sendKey(event: VncKeyEvent): Promise<boolean>;
  stop(): Promise<void>;
}

export function startScreenFeed(
  target: VncTarget,
  framebuffer: Framebuffer,
  events: ScreenEvents,
): ScreenFeed {
  const stopping = new AbortController();
  let client: VncClient | undefined;
  const screen = {
    resize: (width: number, height: number) => {
      framebuffer.resize(width, height);
      events.resized(width, height);
    },
    rect: (x: number, y: number, width: number, height: number, pixels: Buffer) => {
      const message = framebuffer.apply(x, y, width, height, pixels);
      if (message) events.changed(message);
    },
  };
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let reason: string;
      try {
        const connected = await connectVnc({ ...target, signal: stopping.signal, screen });
        client = connected;
        const close = () => void connected.close();
        // stop() may have come while the handshake finished: the abort listener covers both orders.
        if (stopping.signal.aborted) close();
        stopping.signal.addEventListener('abort', close, { once: true });
        events.state('live');
        reason = errorMessage(await connected.ended);
        stopping.signal.removeEventListener('abort', close);
      } catch (error) {
        reason = errorMessage(error);
      }
      client = undefined;
      if (stopping.signal.aborted) break;
      events.state(`no picture (${reason}); retrying`);
      await abortableSleep(RETRY_MS, stopping.signal).catch(() => undefined);
    }
    events.state('the VM is gone');
  })();
  return {
    async sendKey(event) {
      if (!client) return false;
      await client.sendKey(event);
      return true;
    },
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
