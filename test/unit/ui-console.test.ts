import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/core/redact.js';
import { createConsoleUi } from '../../src/ui/console-ui.js';
import { createLiveView } from '../../src/ui/live-view.js';

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { out, text: () => chunks.join('') };
}

const at = () => new Date('2026-11-23T10:00:00.000Z');

describe('console UI', () => {
  it('in CI: plain timestamped lines, no control characters, secrets redacted', () => {
    const { out, text } = capture();
    const ui = createConsoleUi({
      out,
      live: undefined,
      timestamps: true,
      color: undefined,
      target: 'qemu',
      redact: createRedactor(['s3cret']),
      now: at,
    });
    ui.say('Starting');
    ui.message('password is s3cret\nsecond line');
    const progress = ui.progress('downloading', 100);
    progress.update(50);
    progress.done();
    expect(text()).toBe(
      [
        '2026-11-23T10:00:00.000Z ==> qemu: Starting',
        '2026-11-23T10:00:00.000Z     qemu: password is <sensitive>',
        '2026-11-23T10:00:00.000Z second line',
        '2026-11-23T10:00:00.000Z     qemu: downloading: done, 100 B in 0ms',
        '',
      ].join('\n'),
    );
    expect(text()).not.toContain('\x1b');
  });

  it("colours each build's headlines and errors in red", () => {
    const { out, text } = capture();
    const ui = createConsoleUi({
      out,
      live: undefined,
      timestamps: false,
      color: '36',
      target: 'b',
      redact: (t) => t,
    });
    ui.say('hi');
    ui.error('bad');
    expect(text()).toBe('\x1b[1;36m==> b: hi\x1b[0m\n\x1b[31m==> b: bad\x1b[0m\n');
  });
});

describe('live view', () => {
  it('keeps one status line per build under the log and removes it at the end', () => {
    const { out, text } = capture();
    let now = 0;
    const live = createLiveView(out, () => now);
    live.update('qemu', { step: 'acquire-iso' });
    now = 2_000;
    live.update('qemu', { progress: { label: 'downloading', done: 50, total: 100, format: String } });
    live.write('==> qemu: a log line\n');
    live.close();
    const screen = text();
    expect(screen).toContain('[qemu] acquire-iso (0ms)');
    expect(screen).toContain('downloading [############............] 50%');
    // Before the log line the status line is erased (cursor up one line, clear to the end) and redrawn after.
    expect(screen).toContain('\x1b[1F\x1b[J==> qemu: a log line\n    [qemu] acquire-iso (2s)');
    expect(screen.endsWith('\x1b[1F\x1b[J')).toBe(true);
  });
});
