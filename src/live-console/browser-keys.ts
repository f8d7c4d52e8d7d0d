// A browser key event (KeyboardEvent.code: the physical key, .key: what it types) as the VNC key event Kiln
// sends: the scancode comes from the physical key, so the guest's own layout decides the character, as on a
// real keyboard; the keysym (used only if QEMU lacks extended key events) from what the browser typed.
import { type SpecialKey, specialKey, usKeyFor } from '../bootcommand/index.js';
import type { VncKeyEvent } from '../vnc/index.js';

/** KeyboardEvent.code of the character keys → the character the key carries on a US keyboard. */
const CHARACTER_CODES: Readonly<Record<string, string>> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Space: ' ',
};

/** KeyboardEvent.code of the other keys → the boot-command name of the same key. */
const SPECIAL_CODES: Readonly<Record<string, string>> = {
  Enter: 'enter',
  NumpadEnter: 'enter',
  Escape: 'esc',
  Backspace: 'bs',
  Tab: 'tab',
  Delete: 'del',
  Insert: 'insert',
  Home: 'home',
  End: 'end',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ShiftLeft: 'leftshift',
  ShiftRight: 'rightshift',
  ControlLeft: 'leftctrl',
  ControlRight: 'rightctrl',
  AltLeft: 'leftalt',
  AltRight: 'rightalt',
  MetaLeft: 'leftsuper',
  MetaRight: 'rightsuper',
  ContextMenu: 'menu',
};

export function vncKeyForBrowser(code: string, key: string, down: boolean): VncKeyEvent | undefined {
  const special = specialFor(code);
  if (special) return { keysym: special.keysym, scancode: special.scancode, down };
  const char = characterFor(code);
  const carrier = char === undefined ? undefined : usKeyFor(char);
  if (!carrier) return undefined;
  return { keysym: keysymOf(key) ?? carrier.keysym, scancode: carrier.scancode, down };
}

function specialFor(code: string): SpecialKey | undefined {
  const name = SPECIAL_CODES[code] ?? (/^F([1-9]|1[0-2])$/u.test(code) ? code.toLowerCase() : undefined);
  return name === undefined ? undefined : specialKey(name);
}

function characterFor(code: string): string | undefined {
  const letter = /^Key([A-Z])$/u.exec(code);
  if (letter) return letter[1]!.toLowerCase();
  const digit = /^Digit([0-9])$/u.exec(code);
  if (digit) return digit[1];
  return CHARACTER_CODES[code];
}

/** X11 keysym of one typed character: Latin-1 as itself, the rest as 0x01000000 + code point. */
function keysymOf(key: string): number | undefined {
  const code = key.codePointAt(0);
  if (code === undefined || [...key].length !== 1) return undefined;
  return code <= 0xff ? code : 0x0100_0000 + code;
}
