// Reads the binary PPM (P6) that QEMU's `screendump` writes: every QEMU can write it, while PNG needs QEMU 7.1+
// built with libpng, so the screenshot is taken as PPM and turned into PNG here (src/image/png.ts).
import { KilnError } from '../core/errors.js';

/** 8-bit RGB pixels, row after row, no padding. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Buffer;
}

const HEADER_FIELDS = 4; // magic, width, height, maxval

export function parsePpm(data: Buffer): RgbImage {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < HEADER_FIELDS) {
    while (at < data.length && isSpace(data[at] as number)) at++;
    if (data[at] === 0x23) {
      // a comment runs to the end of its line
      while (at < data.length && data[at] !== 0x0a) at++;
      continue;
    }
    const start = at;
    while (at < data.length && !isSpace(data[at] as number) && data[at] !== 0x23) at++;
    if (at === start) throw bad('its header is cut short');
    fields.push(data.subarray(start, at).toString('latin1'));
  }
  at++; // the single whitespace byte before the pixels
  const [magic, width, height, maxval] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P6') throw bad(`it is not a binary PPM (magic ${JSON.stringify(magic)})`);
  if (!isDimension(width) || !isDimension(height)) throw bad(`its size ${fields[1]}x${fields[2]} is invalid`);
  if (maxval !== 255) throw bad(`its maximum value is ${fields[3]}, not 255`);
  const size = width * height * 3;
  if (data.length - at < size) throw bad(`it holds ${data.length - at} pixel bytes, not ${size}`);
  return { width, height, rgb: data.subarray(at, at + size) };
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0b || byte === 0x0c;
}

function isDimension(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= 65_535;
}

function bad(why: string): KilnError {
  return new KilnError(`QEMU's screen dump cannot be read: ${why}`, { code: 'screendump' });
}
