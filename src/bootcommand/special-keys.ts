// The `<name>` keys of the boot-command grammar, in the grammar's match order, with their VNC keysym and
// XT set-1 scancode (e0-prefixed codes encoded as 0x80|code, the form QEMU's extended key event expects).

export interface SpecialKey {
  /** Lower-case name, as Packer stores it after a case-insensitive match. */
  readonly name: string;
  /** X11 keysym, from Packer's vnc_driver.go. */
  readonly keysym: number;
  /** XT set-1 make code, from Packer's pc_xt_driver.go. */
  readonly scancode: number;
}

const key = (name: string, keysym: number, scancode: number): SpecialKey => ({ name, keysym, scancode });

/**
 * PEG ordered choice: the first name that matches wins and is never revisited, so `f10` precedes `f1` and
 * `left`/`right` come after every `left…`/`right…` key.
 * Not in Packer 1.6.6's grammar (added to the SDK later, accepted here): leftCommand, rightCommand,
 * leftOption, rightOption, menu. Their codes follow the later SDK: Command has Alt's keysym but Super's
 * scancode, Option has Meta's keysym but Alt's scancode.
 */
export const SPECIAL_KEYS: readonly SpecialKey[] = [
  key('bs', 0xff08, 0x0e),
  key('del', 0xffff, 0xd3),
  key('enter', 0xff0d, 0x1c),
  key('esc', 0xff1b, 0x01),
  key('f10', 0xffc7, 0x44),
  key('f11', 0xffc8, 0x57),
  key('f12', 0xffc9, 0x58),
  key('f1', 0xffbe, 0x3b),
  key('f2', 0xffbf, 0x3c),
  key('f3', 0xffc0, 0x3d),
  key('f4', 0xffc1, 0x3e),
  key('f5', 0xffc2, 0x3f),
  key('f6', 0xffc3, 0x40),
  key('f7', 0xffc4, 0x41),
  key('f8', 0xffc5, 0x42),
  key('f9', 0xffc6, 0x43),
  key('return', 0xff0d, 0x1c),
  key('tab', 0xff09, 0x0f),
  key('up', 0xff52, 0xc8),
  key('down', 0xff54, 0xd0),
  key('spacebar', 0x0020, 0x39),
  key('insert', 0xff63, 0xd2),
  key('home', 0xff50, 0xc7),
  key('end', 0xff57, 0xcf),
  key('pageup', 0xff55, 0xc9),
  key('pagedown', 0xff56, 0xd1),
  key('leftalt', 0xffe9, 0x38),
  key('leftctrl', 0xffe3, 0x1d),
  key('leftshift', 0xffe1, 0x2a),
  key('rightalt', 0xffea, 0xb8),
  key('rightctrl', 0xffe4, 0x9d),
  key('rightshift', 0xffe2, 0x36),
  key('leftsuper', 0xffeb, 0xdb),
  key('rightsuper', 0xffec, 0xdc),
  key('leftcommand', 0xffe9, 0xdb),
  key('rightcommand', 0xffea, 0xdc),
  key('leftoption', 0xffe7, 0x38),
  key('rightoption', 0xffe8, 0xb8),
  key('left', 0xff51, 0xcb),
  key('right', 0xff53, 0xcd),
  key('menu', 0xff67, 0xdd),
];

const BY_NAME = new Map(SPECIAL_KEYS.map((k) => [k.name, k]));

export function specialKey(name: string): SpecialKey | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export const LEFT_SHIFT: SpecialKey = BY_NAME.get('leftshift')!;
