// efi_boot: checks the OVMF files, then copies the variable store beside the disk (partial name until the build
// succeeds), so the NVRAM the installer writes ships with the image as efivars.fd (Packer's stepPrepareEfivars).
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PARTIAL_SUFFIX } from '../../../core/partial-file.js';
import type { Step } from '../../../core/runner.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { checkFirmwareFiles } from '../devices/efi-firmware.js';

export const EFIVARS_NAME = 'efivars.fd';

export function prepareEfivars(): Step<QemuBuildContext> {
  return {
    name: 'prepare-efivars',
    async run(ctx) {
      const efi = ctx.config.efi;
      if (!efi) return;
      await checkFirmwareFiles(efi.code, efi.vars);
      const path = join(need(ctx.state, 'outputDir'), `${EFIVARS_NAME}${PARTIAL_SUFFIX}`);
      ctx.state.efivarsPath = path;
      await copyFile(efi.vars, path);
      ctx.ui.message(`UEFI firmware ${efi.code}; variables copied from ${efi.vars}`);
    },
    async cleanup(ctx, { outcome }) {
      // A finished build renamed it; anything else leaves no half-made NVRAM behind.
      if (outcome !== 'success' && ctx.state.efivarsPath) await rm(ctx.state.efivarsPath, { force: true });
    },
  };
}
