// The debug log: Packer's line format, scopes, the ring of the last lines a failed build saves, redaction of
// every line, and where KILN_LOG / PACKER_LOG send it (the path alone turns nothing on).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBootCommand, typeBootCommand } from '../../src/bootcommand/index.js';
import { createBuildLog, formatLogTime } from '../../src/core/debug-log.js';
import { debugLogEnabled, openLogSink } from '../../src/core/log-sink.js';
import { createRedactor } from '../../src/core/redact.js';
import { BufferUi } from '../../src/core/ui.js';
import { loggedUi } from '../../src/ui/logged-ui.js';

const SECRET = 'tr0mbone-sky';
const redact = createRedactor([SECRET]);
const at = () => new Date(2026, 11, 1, 9, 5, 7);

function recordingSink() {
  const lines: { line: string; fromUi: boolean }[] = [];
  return { lines, write: (line: string, fromUi: boolean) => lines.push({ line, fromUi }) };
}

describe('build log', () => {
  it("writes Go's log time, the level and the scopes, a line per line of the message", () => {
    const sink = recordingSink();
    const log = createBuildLog({ redact, sink, prefix: 'testos', now: at });
    log.scoped('qmp').debug('-> {"execute":"query-status"}');
    log.info('two\nlines');
    expect(sink.lines.map((l) => l.line)).toEqual([
      '2026/12/01 09:05:07 [DEBUG] testos: qmp: -> {"execute":"query-status"}',
      '2026/12/01 09:05:07 [INFO] testos: two',
      '2026/12/01 09:05:07 [INFO] testos: lines',
    ]);
    expect(formatLogTime(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026/01/02 03:04:05');
  });

  it('redacts every line before it is kept or written, a secret split over two lines included', () => {
    const sink = recordingSink();
    const log = createBuildLog({ redact: createRedactor(['first\nsecond', SECRET]), sink, now: at });
    log.scoped('qemu-system').debug(`running: qemu -fw_cfg string=${SECRET}`);
    log.warn('value first\nsecond end');
    const text = sink.lines.map((l) => l.line).join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('first');
    expect(text).toContain('string=<sensitive>');
    expect(log.tail().join('\n')).toBe(text);
  });

  it('keeps the last lines in order even with no sink (logging off)', () => {
    const log = createBuildLog({ redact, tailLines: 200, now: at });
    for (let i = 1; i <= 450; i++) log.debug(`line ${i}`);
    const tail = log.tail();
    expect(tail).toHaveLength(200);
    expect(tail[0]).toMatch(/line 251$/);
    expect(tail.at(-1)).toMatch(/line 450$/);
    const short = createBuildLog({ redact, tailLines: 5 });
    short.info('only');
    expect(short.tail()).toHaveLength(1);
  });

  it("copies the build's UI lines in as Packer's ui: and ui error: lines, marked for the stderr filter", () => {
    const sink = recordingSink();
    const shown = new BufferUi();
    const ui = loggedUi(shown, createBuildLog({ redact, sink, prefix: 'b', now: at }));
    ui.say(`Typing ${SECRET}`);
    ui.error('it broke');
    expect(shown.lines).toEqual([`==> Typing ${SECRET}`, '!!! it broke']);
    expect(sink.lines).toEqual([
      { line: '2026/12/01 09:05:07 [INFO] b: ui: ==> Typing <sensitive>', fromUi: true },
      { line: '2026/12/01 09:05:07 [INFO] b: ui error: it broke', fromUi: true },
    ]);
  });

  it('logs each batch of boot-command keys by count and special key, never the characters typed', async () => {
    const sink = recordingSink();
    const log = createBuildLog({ redact: (t) => t, sink, now: at });
    const sent: unknown[] = [];
    const actions = parseBootCommand(`<esc><wait1s>passwd ${SECRET}<enter><leftShiftOn>x<leftShiftOff>`);
    await typeBootCommand(
      actions,
      { sendKey: async (event) => void sent.push(event) },
      { keyIntervalMs: 0, signal: new AbortController().signal, log },
    );
    const lines = sink.lines.map((l) => l.line.replace(/^.*\[DEBUG\] /, ''));
    expect(lines).toEqual([
      'sent 2 key events: <esc>',
      'waiting Wait<1s>',
      `sent ${sent.length - 2} key events: ${8 + SECRET.length} characters, <enter>, <leftshifton>, <leftshiftoff>`,
    ]);
    expect(lines.join('\n')).not.toContain('tr0');
  });
});

describe('log sink', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is on as Packer's PACKER_LOG is: set to anything but empty or 0; KILN_LOG decides first", () => {
    expect(debugLogEnabled({})).toBe(false);
    expect(debugLogEnabled({ PACKER_LOG: '0' })).toBe(false);
    expect(debugLogEnabled({ PACKER_LOG: '' })).toBe(false);
    expect(debugLogEnabled({ PACKER_LOG: '1' })).toBe(true);
    expect(debugLogEnabled({ KILN_LOG: 'yes' })).toBe(true);
    expect(debugLogEnabled({ KILN_LOG: '0', PACKER_LOG: '1' })).toBe(false);
    expect(openLogSink({ KILN_LOG_PATH: '/tmp/x.log', PACKER_LOG_PATH: '/tmp/y' }, new PassThrough())).toBe(
      undefined,
    );
  });

  it('goes to stderr without the copies of UI lines when no path is set', () => {
    const stderr = new PassThrough();
    const sink = openLogSink({ PACKER_LOG: '1' }, stderr);
    sink?.write('debug line', false);
    sink?.write('ui: ==> shown already', true);
    sink?.close();
    expect(String(stderr.read())).toBe('debug line\n');
  });

  it('goes to KILN_LOG_PATH (else PACKER_LOG_PATH), created afresh and owner-only, UI lines included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-log-'));
    dirs.push(dir);
    const path = join(dir, 'kiln.log');
    for (const env of [
      { KILN_LOG: '1', KILN_LOG_PATH: path, PACKER_LOG_PATH: join(dir, 'other.log') },
      { PACKER_LOG: '1', PACKER_LOG_PATH: path },
    ]) {
      const sink = openLogSink(env, new PassThrough());
      expect(sink?.path).toBe(path);
      sink?.write('one', false);
      sink?.write('ui: two', true);
      sink?.close();
      expect(readFileSync(path, 'utf8')).toBe('one\nui: two\n');
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(() =>
      openLogSink({ KILN_LOG: '1', KILN_LOG_PATH: join(dir, 'no/such/dir.log') }, process.stderr),
    ).toThrow(/cannot write the debug log .*no\/such\/dir\.log/);
  });
});
