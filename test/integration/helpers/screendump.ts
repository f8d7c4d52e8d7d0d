// The VM's screen for tests that compare it with what a viewer shows (the live console's canvas).
import { screendumpImage } from '../../../src/builders/qemu/screendump.js';
import type { RgbImage } from '../../../src/image/ppm.js';

/** 3 bytes a pixel: red, green, blue. */
export type Picture = RgbImage;

/** The screen as QEMU itself sees it: the same QMP screendump the failure diagnostics take. */
export const screendump = screendumpImage;

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
