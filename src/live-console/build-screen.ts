// One build's screen on the page and the keyboard rule: in view-only mode the server drops every key a page
// sends (the page not sending them is a courtesy, not the guard); in interactive mode keys go to the VM and
// the first one is the user taking over from Kiln's boot command.
import { errorMessage } from '../core/errors.js';
import { vncKeyForBrowser } from './browser-keys.js';
import type { ConsoleMode, ScreenWatch, VncTarget } from './build-console.js';
import { Framebuffer } from './framebuffer.js';
import type { ServerMessage } from './messages.js';
import { type ScreenFeed, startScreenFeed } from './screen-feed.js';

export interface ScreenOutput {
  send(message: ServerMessage): void;
  picture(message: Buffer): void;
}

export class BuildScreen {
  readonly framebuffer: Framebuffer;
  private state = 'the VM has not started yet';
  private feed: ScreenFeed | undefined;
  private readonly takingOver = new AbortController();

  constructor(
    private readonly id: number,
    private readonly mode: ConsoleMode,
    private readonly out: ScreenOutput,
  ) {
    this.framebuffer = new Framebuffer(id);
  }

  get takeover(): AbortSignal {
    return this.takingOver.signal;
  }

  describe(): ServerMessage {
    const { width, height } = this.framebuffer;
    return { t: 'screen', id: this.id, width, height, state: this.state };
  }

  watch(target: VncTarget): ScreenWatch {
    const feed = startScreenFeed(target, this.framebuffer, {
      resized: () => this.out.send(this.describe()),
      changed: (message) => this.out.picture(message),
      state: (state) => {
        this.state = state;
        this.out.send(this.describe());
      },
    });
    this.feed = feed;
    return {
      stop: async () => {
        if (this.feed === feed) this.feed = undefined;
        await feed.stop();
      },
    };
  }

  /** Delivers a page's key to the VM; resolves with why it did not, for that page to show. */
  async keyFromPage(code: string, key: string, down: boolean): Promise<string | undefined> {
    if (this.mode !== 'interactive') return 'view-only console: key presses are not sent to the VM';
    const event = vncKeyForBrowser(code, key, down);
    if (!event) return `the key ${code} is not one Kiln can send`;
    try {
      if (!(await this.feed?.sendKey(event))) return 'no VNC connection to the VM right now';
    } catch (error) {
      return `the key did not reach the VM: ${errorMessage(error)}`;
    }
    if (down) this.takingOver.abort();
    return undefined;
  }
}
