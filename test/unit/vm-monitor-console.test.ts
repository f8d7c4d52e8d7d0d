// The guest console tail quoted when a VM dies is text only: the escape sequences an installer prints (clear
// screen, hide cursor, window title, colours) would act on the user's terminal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorVm } from '../../src/builders/qemu/vm-monitor.js';
import { stripTerminalControls } from '../../src/core/terminal-text.js';
import { FakeQmp, FakeVm } from './fake-qemu-driver.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-console-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ESC = '\x1b';

describe('stripTerminalControls', () => {
  it.each([
    ['CSI clear screen and cursor home', `${ESC}[2J${ESC}[Hlogin:`, 'login:'],
    ['CSI hide cursor (private mode)', `${ESC}[?25lbooting`, 'booting'],
    ['SGR colours', `${ESC}[1;31mFAILED${ESC}[0m`, 'FAILED'],
    ['8-bit CSI', '\x9b2Jtext', 'text'],
    ['OSC window title ended by BEL', `${ESC}]0;pwned${'\x07'}ok`, 'ok'],
    ['OSC hyperlink ended by ST', `${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['DCS string', `${ESC}Pq#0;2;0;0;0${ESC}\\after`, 'after'],
    ['charset and keypad escapes', `${ESC}(B${ESC}=${ESC}7x${ESC}8`, 'x'],
    ['an escape cut off at the end', `done${ESC}[`, 'done'],
    ['bell, backspace, carriage return, C1', 'a\x07b\x08c\r\x85d', 'abcd'],
  ])('removes %s', (_, input, expected) => {
    expect(stripTerminalControls(input)).toBe(expected);
  });

  it('keeps text, tabs, newlines and non-ASCII', () => {
    expect(stripTerminalControls('a\tb\nGrüße – ok')).toBe('a\tb\nGrüße – ok');
  });
});

describe('the console tail in a dead VM reason', () => {
  it('quotes the last lines without their escape sequences', async () => {
    const serialLog = join(dir, 'serial.log');
    await writeFile(
      serialLog,
      `${ESC}[2J${ESC}[H${ESC}[?25lkiln-installer: fetching config\r\n${ESC}]0;title\x07${ESC}[1;31mkiln-installer: FAILED${ESC}[0m\r\n`,
    );
    const vm = new FakeVm(1, []);
    const monitor = monitorVm({ vm, qmp: new FakeQmp(), accelerator: 'tcg', serialLog });
    vm.exit(1, 'boom');
    const reason = await monitor.dead;
    monitor.close();
    expect(reason).toContain('  | kiln-installer: fetching config\n  | kiln-installer: FAILED');
    const controls = [...reason].filter((c) => c !== '\n' && (c < ' ' || (c >= '\x7f' && c <= '\x9f')));
    expect(controls).toEqual([]);
  });
});
