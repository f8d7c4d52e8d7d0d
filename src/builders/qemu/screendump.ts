// The VM's screen as a PNG: QMP `screendump` writes a PPM (every QEMU can), which becomes a PNG here. Shared by
// the failure diagnostics and anything else that shows the screen, through the driver.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { encodePng } from '../../image/png.js';
import { parsePpm, type RgbImage } from '../../image/ppm.js';
import type { QmpConnection } from './qmp.js';

export interface ScreenSize {
  readonly width: number;
  readonly height: number;
}

/** Writes the screen to `pngPath` (QEMU writes its PPM beside it first, then it is removed). */
export async function screendumpPng(qmp: QmpConnection, pngPath: string): Promise<ScreenSize> {
  const image = await screendumpImage(qmp, `${pngPath}.ppm`);
  await writeFile(pngPath, encodePng(image));
  return { width: image.width, height: image.height };
}

/** The screen's pixels, through a PPM file at `ppmPath` that is removed afterwards. */
export async function screendumpImage(qmp: QmpConnection, ppmPath: string): Promise<RgbImage> {
  try {
    await qmp.command('screendump', { filename: ppmPath });
    return parsePpm(await readFile(ppmPath));
  } finally {
    await rm(ppmPath, { force: true });
  }
}
