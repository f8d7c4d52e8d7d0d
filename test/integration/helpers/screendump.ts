// A minimal QMP screendump for tests (QEMU writes a binary PPM, P6): the screen as QEMU itself sees it.
// The QEMU driver is getting its own screendump for failure reports; this stays test-side until they meet.
import { readFile, rm } from 'node:fs/promises';
import type { QmpConnection } from '../../../src/builders/qemu/qmp.js';

export interface Picture {
  width: number;
  height: number;
  /** 3 bytes a pixel: red, green, blue. */
  rgb: Buffer;
}

export async function screendump(qmp: QmpConnection, file: string): Promise<Picture> {
  await qmp.command('screendump', { filename: file });
  const data = await readFile(file);
  await rm(file, { force: true });
  return parsePpm(data);
}

function parsePpm(data: Buffer): Picture {
  // Header: "P6", width, height, maxval, each separated by whitespace, then one whitespace byte.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[at]!))) at++;
    const start = at;
    while (!/\s/.test(String.fromCharCode(data[at]!))) at++;
    fields.push(data.subarray(start, at).toString('latin1'));
  }
  if (fields[0] !== 'P6' || fields[3] !== '255') throw new Error(`not an 8-bit P6 PPM: ${fields.join(' ')}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, rgb: data.subarray(at + 1, at + 1 + width * height * 3) };
}

/** Share of pixels that differ between a PPM picture and canvas RGBA data of the same size. */
export function differingShare(picture: Picture, rgba: Uint8Array): number {
  const pixels = picture.width * picture.height;
  let differing = 0;
  for (let i = 0; i < pixels; i++) {
    const p = i * 3;
    const c = i * 4;
    if (
      picture.rgb[p] !== rgba[c] ||
      picture.rgb[p + 1] !== rgba[c + 1] ||
      picture.rgb[p + 2] !== rgba[c + 2]
    )
      differing++;
  }
  return differing / pixels;
}

/** Share of pixels that are not black: a menu on screen, not a blank one. */
export function litShare(picture: Picture): number {
  let lit = 0;
  for (let i = 0; i < picture.rgb.length; i += 3)
    if (picture.rgb[i]! + picture.rgb[i + 1]! + picture.rgb[i + 2]! > 0) lit++;
  return lit / (picture.width * picture.height);
}
