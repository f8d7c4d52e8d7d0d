// Key model: every typable character and special key maps to the right keysym + XT scancode, Shift made explicit.
import { describe, expect, it } from 'vitest';
import {
  keyEventsFor,
  parseBootCommand,
  SPECIAL_KEYS,
  specialKey,
  usKeyFor,
} from '../../src/bootcommand/index.js';

const events = (text: string) =>
  parseBootCommand(text).flatMap((a) => (a.kind === 'wait' ? [] : keyEventsFor(a)));
const short = (text: string) =>
  events(text).map((e) => `${e.down ? '+' : '-'}${e.keysym.toString(16)}/${e.scancode.toString(16)}`);

describe('US key table', () => {
  it('covers all 95 printable ASCII characters and nothing else below U+0100', () => {
    const typable = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)).filter((c) => usKeyFor(c));
    expect(typable.join('')).toBe(
      Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join(''),
    );
  });

  it.each([
    ['1', 0x02, false],
    ['=', 0x0d, false],
    ['q', 0x10, false],
    [']', 0x1b, false],
    ['a', 0x1e, false],
    ['`', 0x29, false],
    ['\\', 0x2b, false],
    ['/', 0x35, false],
    [' ', 0x39, false],
    ['!', 0x02, true],
    ['+', 0x0d, true],
    ['Q', 0x10, true],
    ['}', 0x1b, true],
    [':', 0x27, true],
    ['"', 0x28, true],
    ['~', 0x29, true],
    ['|', 0x2b, true],
    ['?', 0x35, true],
  ])('%s → scancode %d, shifted %s', (char, scancode, shifted) => {
    expect(usKeyFor(char)).toEqual({ keysym: char.codePointAt(0), scancode, shifted });
  });

  it('shifts exactly the upper-case letters and ~!@#$%^&*()_+{}|:"<>?', () => {
    const shifted = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).filter(
      (c) => usKeyFor(c)?.shifted,
    );
    expect(shifted.sort().join('')).toBe(
      [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:"<>?'].sort().join(''),
    );
  });
});

describe('keyEventsFor', () => {
  it('presses plain characters down then up, with no Shift', () => {
    expect(short('a')).toEqual(['+61/1e', '-61/1e']);
  });

  it('wraps shifted characters in LeftShift down/up', () => {
    expect(short('A')).toEqual(['+ffe1/2a', '+41/1e', '-41/1e', '-ffe1/2a']);
    expect(short('_<')).toEqual([
      '+ffe1/2a',
      '+5f/c',
      '-5f/c',
      '-ffe1/2a',
      '+ffe1/2a',
      '+3c/33',
      '-3c/33',
      '-ffe1/2a',
    ]);
  });

  it('holds and releases toggled characters and keys without auto-release', () => {
    expect(short('<AOn>')).toEqual(['+ffe1/2a', '+41/1e']);
    expect(short('<AOff>')).toEqual(['-41/1e', '-ffe1/2a']);
    expect(short('<leftCtrlOn>c<leftCtrlOff>')).toEqual(['+ffe3/1d', '+63/2e', '-63/2e', '-ffe3/1d']);
  });

  it('uses Packer keysyms and 0x80|code for e0-prefixed scancodes', () => {
    const table = Object.fromEntries(SPECIAL_KEYS.map((k) => [k.name, [k.keysym, k.scancode]]));
    expect(table).toMatchObject({
      up: [0xff52, 0xc8],
      down: [0xff54, 0xd0],
      left: [0xff51, 0xcb],
      right: [0xff53, 0xcd],
      del: [0xffff, 0xd3],
      enter: [0xff0d, 0x1c],
      return: [0xff0d, 0x1c],
      f1: [0xffbe, 0x3b],
      f10: [0xffc7, 0x44],
      f11: [0xffc8, 0x57],
      f12: [0xffc9, 0x58],
      spacebar: [0x20, 0x39],
      menu: [0xff67, 0xdd],
      rightctrl: [0xffe4, 0x9d],
      leftsuper: [0xffeb, 0xdb],
      leftcommand: [0xffe9, 0xdb],
      leftoption: [0xffe7, 0x38],
    });
    expect(SPECIAL_KEYS).toHaveLength(41);
    expect(specialKey('PageUp')).toEqual({ name: 'pageup', keysym: 0xff55, scancode: 0xc9 });
  });

  it('refuses hand-built actions for untypable characters', () => {
    expect(() => keyEventsFor({ kind: 'char', char: 'é', action: 'press', offset: 0, source: 'é' })).toThrow(
      /U\+00E9/,
    );
  });
});
