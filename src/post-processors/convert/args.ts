// qemu-img argv for the `convert` post-processor: pure functions, one per qemu-img call it makes.
import { basename, dirname, join } from 'node:path';
import type { ConvertConfig, ConvertFormat } from './config.js';

/** qemu-img's driver name for each format Kiln writes. */
export const QEMU_FORMAT: Readonly<Record<ConvertFormat, string>> = {
  vmdk: 'vmdk',
  raw: 'raw',
  vhd: 'vpc',
  vhdx: 'vhdx',
  vdi: 'vdi',
  qcow2: 'qcow2',
};

const MIB = 1024 * 1024;

/** Beside the input, with the format's extension; only a disk extension is replaced (`ubuntu-22.04` stays whole). */
export function defaultConvertOutput(input: string, format: ConvertFormat): string {
  const name = basename(input).replace(/\.(qcow2|raw|img|vmdk|vhdx?|vdi)$/i, '');
  const output = join(dirname(input), `${name}.${format}`);
  // Re-compressing a qcow2 into a qcow2 would land on its own input.
  return output === input ? join(dirname(input), `${name}-converted.${format}`) : output;
}

/**
 * A fixed VHD is created first at the source's size rounded up to a whole MiB with force_size (Azure refuses
 * anything else, and without force_size qemu-img rounds to a CHS geometry); convert then fills it (`-n`).
 */
export function fixedVhdSize(virtualSize: number): number {
  return Math.ceil(virtualSize / MIB) * MIB;
}

export function buildCreateFixedVhdArgs(output: string, virtualSize: number): string[] {
  return [
    'create',
    '-q',
    '-f',
    'vpc',
    '-o',
    'subformat=fixed,force_size=on',
    output,
    String(fixedVhdSize(virtualSize)),
  ];
}

export function buildConvertArgs(
  options: ConvertConfig,
  format: ConvertFormat,
  input: string,
  output: string,
  inputFormat?: string,
): string[] {
  const intoFixedVhd = format === 'vhd' && options.vhdSubformat === 'fixed';
  const formatOptions = {
    vmdk: [`subformat=${options.vmdkSubformat}`],
    vhd: ['subformat=dynamic'],
    vhdx: [`subformat=${options.vhdSubformat}`],
    vdi: [],
    raw: [],
    qcow2: [],
  }[format];
  const o = formatOptions.length && !intoFixedVhd ? ['-o', formatOptions.join(',')] : [];
  return [
    'convert',
    '-p',
    ...(intoFixedVhd ? ['-n'] : []),
    ...(format === 'qcow2' && options.diskCompression ? ['-c'] : []),
    ...options.qemuImgArgs,
    ...(inputFormat ? ['-f', inputFormat] : []),
    '-O',
    QEMU_FORMAT[format],
    ...o,
    input,
    output,
  ];
}
