// typeBootCommand with a recording KeySender: exact event order, spacing, waits, abort and send failures.
import { describe, expect, it } from 'vitest';
import {
  type KeyEvent,
  type KeySender,
  parseBootCommand,
  typeBootCommand,
} from '../../src/bootcommand/index.js';
import { CancelledError } from '../../src/core/errors.js';

class RecordingSender implements KeySender {
  readonly log: { event: string; at: number }[] = [];
  private readonly start = performance.now();
  constructor(private readonly failAt?: number) {}
  async sendKey(event: KeyEvent): Promise<void> {
    if (this.log.length === this.failAt) throw new Error('socket hung up');
    this.log.push({
      event: `${event.down ? '+' : '-'}${event.keysym.toString(16)}/${event.scancode.toString(16)}`,
      at: performance.now() - this.start,
    });
  }
  get events(): string[] {
    return this.log.map((l) => l.event);
  }
}

const type = (text: string, sender: KeySender, keyIntervalMs = 0, signal = AbortSignal.timeout(10_000)) =>
  typeBootCommand(parseBootCommand(text), sender, { keyIntervalMs, signal });

describe('typeBootCommand', () => {
  it("types 'aA<enter>' as exact events", async () => {
    const sender = new RecordingSender();
    await type('aA<enter>', sender);
    expect(sender.events).toEqual([
      '+61/1e',
      '-61/1e',
      '+ffe1/2a',
      '+41/1e',
      '-41/1e',
      '-ffe1/2a',
      '+ff0d/1c',
      '-ff0d/1c',
    ]);
  });

  it('types shifted symbols with explicit Shift and leaves toggles held', async () => {
    const sender = new RecordingSender();
    await type('~:<leftAltOn><f2>', sender);
    expect(sender.events).toEqual([
      '+ffe1/2a',
      '+7e/29',
      '-7e/29',
      '-ffe1/2a',
      '+ffe1/2a',
      '+3a/27',
      '-3a/27',
      '-ffe1/2a',
      '+ffe9/38',
      '+ffbf/3c',
      '-ffbf/3c',
    ]);
  });

  it('spaces actions by keyIntervalMs but sends one action (Shift, key down, key up) back to back', async () => {
    const sender = new RecordingSender();
    await type('AB', sender, 60);
    const at = sender.log.map((l) => l.at);
    expect(at[3]! - at[0]!).toBeLessThan(30);
    expect(at[4]! - at[3]!).toBeGreaterThanOrEqual(55);
  });

  it('honours waits and reports progress for every action', async () => {
    const sender = new RecordingSender();
    const seen: string[] = [];
    await typeBootCommand(parseBootCommand('a<wait100ms>b'), sender, {
      keyIntervalMs: 0,
      signal: AbortSignal.timeout(10_000),
      onProgress: ({ index, total, action }) => seen.push(`${index}/${total} ${action.source}`),
    });
    expect(seen).toEqual(['0/3 a', '1/3 <wait100ms>', '2/3 b']);
    expect(sender.log[2]!.at - sender.log[1]!.at).toBeGreaterThanOrEqual(95);
  });

  it('stops promptly with CancelledError when aborted during a long wait', async () => {
    const sender = new RecordingSender();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(type('a<wait10m>b', sender, 0, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(sender.events).toEqual(['+61/1e', '-61/1e']);
  });

  it('stops during a key interval too, and refuses to start when already aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const sender = new RecordingSender();
    await expect(type('abc', sender, 5_000, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(sender.events).toHaveLength(2);
    await expect(type('a', new RecordingSender(), 0, AbortSignal.abort())).rejects.toBeInstanceOf(
      CancelledError,
    );
  });

  it('fails the whole command on a send error, naming the action, and sends nothing after it', async () => {
    const sender = new RecordingSender(3);
    const attempt = type('ab<enter>cd', sender);
    await expect(attempt).rejects.toMatchObject({
      code: 'boot-command',
      message: 'typing the boot command failed at character 2 (b = LIT-Press(b)): socket hung up',
    });
    expect(sender.events).toEqual(['+61/1e', '-61/1e', '+62/30']);
  });
});
