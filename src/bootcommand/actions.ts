// The parsed boot command: a flat list of typed actions, each with a stable text form for tests and logs.
import { formatGoDuration, msToNs } from '../core/go-duration.js';

/** press = down+up; on = hold down; off = release (Packer's KeyPress/KeyOn/KeyOff). */
export type KeyAction = 'press' | 'on' | 'off';

interface ActionBase {
  /** Where the action starts in the (joined) boot command, in characters (code points), 0-based. */
  readonly offset: number;
  /** The text it was parsed from, e.g. "<wait5>", "<leftCtrlOn>", "a". */
  readonly source: string;
}

export interface WaitAction extends ActionBase {
  readonly kind: 'wait';
  readonly ms: number;
}

export interface SpecialAction extends ActionBase {
  readonly kind: 'special';
  /** Lower-case special key name, e.g. "enter", "leftctrl" (see SPECIAL_KEYS). */
  readonly key: string;
  readonly action: KeyAction;
}

export interface CharAction extends ActionBase {
  readonly kind: 'char';
  /** One code point. */
  readonly char: string;
  readonly action: KeyAction;
}

export type BootAction = WaitAction | SpecialAction | CharAction;

const ACTION_NAMES: Readonly<Record<KeyAction, string>> = { press: 'Press', on: 'On', off: 'Off' };

/** Packer's own String() forms: "Wait<1m30s>", "Spec-On(leftctrl)", "LIT-Press(a)". */
export function formatAction(action: BootAction): string {
  switch (action.kind) {
    case 'wait':
      return `Wait<${formatGoDuration(msToNs(action.ms))}>`;
    case 'special':
      return `Spec-${ACTION_NAMES[action.action]}(${action.key})`;
    case 'char':
      return `LIT-${ACTION_NAMES[action.action]}(${action.char})`;
  }
}
