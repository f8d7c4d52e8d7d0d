// Word wrapping exactly as Go's github.com/mitchellh/go-wordwrap (used by HCL diagnostics Packer prints).

const isSpace = (char: string) => /^\s$/u.test(char);
const width = (text: string) => Buffer.byteLength(text);

/** Wraps at white space so lines stay within `limit` bytes where possible; long words are not broken. */
export function wrapWords(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const char of text) {
    if (char === '\n') {
      if (word === '') {
        if (current + width(space) > limit) current = 0;
        else out += space;
        space = '';
      } else {
        out += space + word;
        space = '';
        word = '';
      }
      out += char;
      current = 0;
    } else if (isSpace(char)) {
      if (space === '' || word !== '') {
        current += width(space) + width(word);
        out += space + word;
        space = '';
        word = '';
      }
      space += char;
    } else {
      word += char;
      if (current + width(space) + width(word) > limit && width(word) < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + width(space) <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}
