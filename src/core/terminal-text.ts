// Text from a guest (its serial console) quoted in Kiln's messages must not act on the user's terminal: escape
// sequences clear the screen, hide the cursor or set the window title; other control characters ring the bell
// or move the cursor back. Written here rather than taken from strip-ansi: that removes CSI/OSC sequences but
// leaves DCS strings, 8-bit C1 controls and bare control characters, which act on a terminal too.

/* biome-ignore-all lint/suspicious/noControlCharactersInRegex: matching control characters is the point */
const SEQUENCES = [
  // CSI: ESC [ (or 8-bit 0x9b), parameters, intermediates, one final byte.
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]/g,
  // OSC, DCS, SOS, PM, APC strings: up to BEL or the string terminator (ESC \ or 0x9c), or the end.
  /(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g,
  // Any other escape sequence: ESC, intermediates, a final byte.
  /\x1b[ -/]*[0-~]?/g,
];
/** C0 controls but tab and newline, DEL, and the C1 controls (as code points). */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function stripTerminalControls(text: string): string {
  let plain = text;
  for (const sequence of SEQUENCES) plain = plain.replace(sequence, '');
  return plain.replace(CONTROLS, '');
}
