// UEFI firmware for `efi_boot` (the QEMU plugin's options): OVMF's code read-only, and a private copy of its
// variable store per build, which becomes the artifact's efivars.fd (the NVRAM the installed OS wrote).
import { access, constants } from 'node:fs/promises';
import { KilnError } from '../../../core/errors.js';

/** Debian's ovmf package (bookworm ships the 4 MiB builds only). */
export const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
export const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';

/** Both firmware files must be readable before anything starts; the error names the key that chose them. */
export async function checkFirmwareFiles(code: string, vars: string): Promise<void> {
  for (const [key, path] of [
    ['efi_firmware_code', code],
    ['efi_firmware_vars', vars],
  ] as const) {
    try {
      await access(path, constants.R_OK);
    } catch {
      const isDefault = path === OVMF_CODE || path === OVMF_VARS;
      throw new KilnError(`${key}: cannot read the UEFI firmware file ${path}`, {
        code: 'efi',
        hint: isDefault
          ? 'efi_boot uses OVMF from Debian/Ubuntu: apt-get install ovmf'
          : `check ${key}, or leave it unset to use OVMF (apt-get install ovmf)`,
      });
    }
  }
}
