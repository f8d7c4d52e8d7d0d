// The VM's screen as a PNG: QMP `screendump` writes a PPM (every QEMU can), which becomes a PNG here. Shared by
// the failure diagnostics and anything else that shows the screen, through the driver.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { encodePng } from '../../image/png.js';
import { parsePpm } from '../../image/ppm.js';
import type { QmpConnection } from './qmp.js';

export interface ScreenSize {
  readonly width: number;
  readonly height: number;
}

/** Writes the screen to `pngPath` (QEMU writes its PPM beside it first, then it is removed). */
export async function screendumpPng(qmp: QmpConnection, pngPath: string): Promise<ScreenSize> {
  const ppmPath = `${pngPath}.ppm`;
  try {
    await qmp.command('screendump', { filename: ppmPath });
    const image = parsePpm(await readFile(ppmPath));
    await writeFile(pngPath, encodePng(image));
    return { width: image.width, height: image.height };
  } finally {
    await rm(ppmPath, { force: true });
  }
}
