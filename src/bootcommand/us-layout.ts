// Which key (and whether Shift) types each character on a US keyboard; from Packer's pc_xt_driver.go.

export interface CharKey {
  /** X11 keysym: the character's code point, as Packer's VNC driver sends it. */
  readonly keysym: number;
  /** XT set-1 make code of the key that carries the character. */
  readonly scancode: number;
  /** Needs LeftShift held: upper-case letters and ~!@#$%^&*()_+{}|:"<>? */
  readonly shifted: boolean;
}

/** Each row starts at the given scancode and runs consecutively; the shifted row shares the codes. */
const ROWS: readonly (readonly [plain: string, shifted: string, firstScancode: number])[] = [
  ['1234567890-=', '!@#$%^&*()_+', 0x02],
  ['qwertyuiop[]', 'QWERTYUIOP{}', 0x10],
  ["asdfghjkl;'`", 'ASDFGHJKL:"~', 0x1e],
  ['\\zxcvbnm,./', '|ZXCVBNM<>?', 0x2b],
  [' ', '', 0x39],
];

const entry = (c: string, scancode: number, shifted: boolean): [string, CharKey] => [
  c,
  { keysym: c.codePointAt(0)!, scancode, shifted },
];

const TABLE: ReadonlyMap<string, CharKey> = new Map(
  ROWS.flatMap(([plain, shifted, first]) => [
    ...[...plain].map((c, i) => entry(c, first + i, false)),
    ...[...shifted].map((c, i) => entry(c, first + i, true)),
  ]),
);

/** The key for one character (a single code point), or undefined when a US keyboard has none. */
export function usKeyFor(char: string): CharKey | undefined {
  return TABLE.get(char);
}

/** "界" (U+754C), "\n" (U+000A): how an untypable character is named in errors. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `${JSON.stringify(char)} (U+${hex})`;
}
