// Turns one key action into the key events to send, carrying both the X11 keysym and the XT scancode.
import { KilnError } from '../core/errors.js';
import type { CharAction, SpecialAction } from './actions.js';
import { LEFT_SHIFT, specialKey } from './special-keys.js';
import { describeChar, usKeyFor } from './us-layout.js';

export interface KeyEvent {
  readonly keysym: number;
  /** XT set-1 make code; e0-prefixed keys as 0x80|code (QEMU extended key event form). */
  readonly scancode: number;
  readonly down: boolean;
}

interface KeyCodes {
  readonly keysym: number;
  readonly scancode: number;
}

/**
 * QEMU does not synthesise Shift from a keysym, so shifted characters are wrapped in explicit LeftShift
 * events. Releases mirror presses (key up before Shift up). On/off toggles are never auto-released, as in Packer.
 */
export function keyEventsFor(action: CharAction | SpecialAction): KeyEvent[] {
  const { codes, shifted } = resolve(action);
  const down = (k: KeyCodes): KeyEvent => ({ keysym: k.keysym, scancode: k.scancode, down: true });
  const up = (k: KeyCodes): KeyEvent => ({ keysym: k.keysym, scancode: k.scancode, down: false });
  const presses = shifted ? [down(LEFT_SHIFT), down(codes)] : [down(codes)];
  const releases = shifted ? [up(codes), up(LEFT_SHIFT)] : [up(codes)];
  switch (action.action) {
    case 'on':
      return presses;
    case 'off':
      return releases;
    case 'press':
      return [...presses, ...releases];
  }
}

function resolve(action: CharAction | SpecialAction): { codes: KeyCodes; shifted: boolean } {
  if (action.kind === 'special') {
    const key = specialKey(action.key);
    if (!key) throw new KilnError(`unknown special key <${action.key}>`, { code: 'boot-command' });
    return { codes: key, shifted: false };
  }
  const key = usKeyFor(action.char);
  // parseBootCommand already refuses these; this guards hand-built actions.
  if (!key)
    throw new KilnError(`no key on a US keyboard types ${describeChar(action.char)}`, {
      code: 'boot-command',
    });
  return { codes: key, shifted: key.shifted };
}
