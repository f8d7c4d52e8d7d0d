// The console's state and its pages: every build's step, screen and result, the log, and the connected
// pages (WebSockets) that get each change as it happens and the whole state when they connect.
import type { WebSocket } from 'ws';
import type { BuildConsole, ConsoleMode } from './build-console.js';
import { BuildScreen } from './build-screen.js';
import type { ServerMessage } from './messages.js';

/** Lines a page that connects late still gets. */
const LOG_LINES_KEPT = 5_000;
/** A page this far behind gets no more rectangles until it drains, then the whole screen at once. */
const BEHIND_BYTES = 8 * 1024 * 1024;

interface Page {
  readonly socket: WebSocket;
  behind: boolean;
}

interface BuildState {
  readonly id: number;
  readonly name: string;
  step?: { name: string; since: number };
  result?: { ok: boolean; text: string };
  readonly screen: BuildScreen;
}

export class ConsoleHub {
  private readonly pages = new Set<Page>();
  private readonly builds = new Map<string, BuildState>();
  private readonly lines: string[] = [];
  private ending: { ok: boolean; text: string } | undefined;

  constructor(readonly mode: ConsoleMode) {}

  /** A page connected: it gets everything so far, then every change. */
  join(socket: WebSocket): void {
    const page: Page = { socket, behind: false };
    this.pages.add(page);
    socket.on('close', () => this.pages.delete(page));
    socket.on('message', (data, binary) => {
      if (!binary) this.fromPage(page, data.toString());
    });
    const send = (message: ServerMessage) => socket.send(JSON.stringify(message));
    send({ t: 'hello', mode: this.mode });
    for (const build of this.builds.values()) {
      send({ t: 'build', id: build.id, name: build.name });
      if (build.step) send({ t: 'step', id: build.id, step: build.step.name, since: build.step.since });
      send(build.screen.describe());
      const picture = build.screen.framebuffer.whole();
      if (picture) socket.send(picture);
      if (build.result) send({ t: 'result', id: build.id, ...build.result });
    }
    for (const line of this.lines) send({ t: 'log', line });
    if (this.ending) send({ t: 'end', ...this.ending });
  }

  forBuild(name: string): BuildConsole {
    let build = this.builds.get(name);
    if (!build) {
      const id = this.builds.size;
      const screen = new BuildScreen(id, this.mode, {
        send: (message) => this.broadcast(message),
        picture: (message) => this.broadcastPicture(message, screen),
      });
      build = { id, name, screen };
      this.builds.set(name, build);
      this.broadcast({ t: 'build', id, name });
    }
    const state = build;
    return {
      takeover: state.screen.takeover,
      log: (line) => this.log(line),
      step: (step) => {
        state.step = { name: step, since: Date.now() };
        this.broadcast({ t: 'step', id: state.id, step, since: state.step.since });
      },
      watchScreen: (target) => state.screen.watch(target),
      finish: (ok, text) => {
        state.result = { ok, text };
        this.broadcast({ t: 'result', id: state.id, ok, text });
      },
    };
  }

  log(line: string): void {
    this.lines.push(line);
    if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
    this.broadcast({ t: 'log', line });
  }

  /** The run's result: the last thing every page shows. */
  end(ok: boolean, text: string): void {
    this.ending = { ok, text };
    this.broadcast({ t: 'end', ok, text });
  }

  /** Closes every page's WebSocket once what was sent has gone out. */
  async close(): Promise<void> {
    const closing = [...this.pages].map(
      (page) =>
        new Promise<void>((resolve) => {
          page.socket.once('close', () => resolve());
          page.socket.close(1001, 'kiln exited');
          setTimeout(() => {
            page.socket.terminate();
            resolve();
          }, 1_000).unref();
        }),
    );
    await Promise.all(closing);
  }

  private broadcast(message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const page of this.pages) page.socket.send(text);
  }

  private broadcastPicture(message: Buffer, screen: BuildScreen): void {
    for (const page of this.pages) {
      const backlog = page.socket.bufferedAmount;
      if (backlog > BEHIND_BYTES) page.behind = true;
      else if (page.behind) {
        page.behind = false;
        const whole = screen.framebuffer.whole();
        if (whole) page.socket.send(whole);
      } else page.socket.send(message);
    }
  }

  private fromPage(page: Page, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isKeyMessage(message)) return;
    const build = [...this.builds.values()].find((b) => b.id === message.id);
    if (!build) return;
    void build.screen.keyFromPage(message.code, message.key, message.down).then((refused) => {
      if (refused) page.socket.send(JSON.stringify({ t: 'notice', text: refused } satisfies ServerMessage));
    });
  }
}

interface KeyMessage {
  t: 'key';
  id: number;
  code: string;
  key: string;
  down: boolean;
}

function isKeyMessage(value: unknown): value is KeyMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    m.t === 'key' &&
    typeof m.id === 'number' &&
    typeof m.code === 'string' &&
    typeof m.key === 'string' &&
    typeof m.down === 'boolean'
  );
}
