// The QEMU plugin's firmware and device options (Packer's plugin ≥ 1.0 names): efi_*, firmware/use_pflash,
// vtpm/use_tpm1/tpm_device_type, cpu_model, sockets/cores/threads, vga.
import type { KeyPath } from '../../../json/json-value.js';
import type { FieldReader } from '../../../template/decode/field-reader.js';
import type { ProblemCollector } from '../../../template/problems.js';
import { OVMF_CODE, OVMF_VARS } from '../devices/efi-firmware.js';
import type { QemuConfig } from './qemu-config.js';

type Devices = Pick<
  QemuConfig,
  'efi' | 'firmware' | 'tpm' | 'cpuModel' | 'sockets' | 'cores' | 'threads' | 'vga'
>;

/** Packer: setting either firmware file turns efi_boot on. */
export function efiBoot(f: FieldReader): boolean {
  return (f.bool('efi_boot') ?? false) || !!f.string('efi_firmware_code') || !!f.string('efi_firmware_vars');
}

export function resolveDevices(f: FieldReader, base: KeyPath, env: { problems: ProblemCollector }): Devices {
  const count = (key: string): number => {
    const value = f.int(key) ?? 0;
    if (value < 0) env.problems.add(`${base}.${key}`, `${key} must be 0 or more, found ${value}`);
    return Math.max(value, 0);
  };
  const firmware = f.string('firmware') || undefined;
  const usePflash = f.bool('use_pflash') ?? false;
  // The plugin reads use_pflash only with firmware; bento sets it for every build, so it is a warning here.
  if (usePflash && firmware === undefined) {
    env.problems.warn(
      `${base}.use_pflash`,
      'use_pflash has no effect without firmware, as in Packer (UEFI firmware always uses pflash: efi_boot)',
    );
  }
  const vtpm = f.bool('vtpm') ?? false;
  for (const key of ['use_tpm1', 'tpm_device_type']) {
    if (!vtpm && f.has(key)) env.problems.add(`${base}.${key}`, `${key} only applies with "vtpm": true`);
  }
  return {
    efi: efiBoot(f)
      ? {
          code: f.string('efi_firmware_code') || OVMF_CODE,
          vars: f.string('efi_firmware_vars') || OVMF_VARS,
          dropEfivars: f.bool('efi_drop_efivars') ?? false,
        }
      : undefined,
    firmware: firmware === undefined ? undefined : { path: firmware, pflash: usePflash },
    tpm: vtpm
      ? { tpm1: f.bool('use_tpm1') ?? false, device: f.string('tpm_device_type') || 'tpm-tis' }
      : undefined,
    cpuModel: f.string('cpu_model') || undefined,
    sockets: count('sockets'),
    cores: count('cores'),
    threads: count('threads'),
    vga: f.string('vga') || undefined,
  };
}
