// Script text preparation: inline lines into a script with a shebang, and CRLF→LF as Packer's UnixReader.

export const DEFAULT_INLINE_SHEBANG = '/bin/sh -e';

/**
 * Joins inline lines into a script. An explicit `shebang` always wins (Packer 1.6.6 prepends it
 * unconditionally); with the default one, a first line that already starts with `#!` is kept as the shebang.
 */
export function buildInlineScript(lines: readonly string[], shebang: string | undefined): string {
  const body = lines.map((line) => `${line}\n`).join('');
  if (shebang === undefined && lines[0]?.startsWith('#!')) return body;
  return `#!${shebang ?? DEFAULT_INLINE_SHEBANG}\n${body}`;
}

/**
 * Packer's UnixReader: every line ends in "\n" (a trailing "\r" is dropped, a last line without newline gets
 * one), so a script edited on Windows still runs under /bin/sh.
 */
export function toUnixLineEndings(text: Buffer): Buffer {
  if (text.length === 0) return text;
  const lines = text.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return Buffer.from(
    lines.map((line) => `${line.endsWith('\r') ? line.slice(0, -1) : line}\n`).join(''),
    'utf8',
  );
}
