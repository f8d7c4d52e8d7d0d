// Kiln's `convert` post-processor: qemu-img convert of the build's disk to another format.

import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export type ConvertFormat = 'vmdk' | 'raw' | 'vhd' | 'vhdx' | 'qcow2';

export interface ConvertConfig {
  readonly type: 'convert';
  readonly format: ConvertFormat;
  /** Output file name template (rendered at run time); undefined = the post-processor's default. */
  readonly output: string | undefined;
  readonly vmdkSubformat: 'streamOptimized' | 'monolithicSparse';
  readonly vhdSubformat: 'dynamic' | 'fixed';
  /** Extra `qemu-img convert` arguments. */
  readonly qemuImgArgs: readonly string[];
}

export const CONVERT_SCHEMA = {
  fields: {
    format: { kind: 'string' },
    output: { kind: 'string', raw: true },
    vmdk_subformat: { kind: 'string' },
    vhd_subformat: { kind: 'string' },
    qemu_img_args: { kind: 'stringList' },
  },
} as const;

const FORMATS: readonly ConvertFormat[] = ['vmdk', 'raw', 'vhd', 'vhdx', 'qcow2'];

export function resolveConvertConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): ConvertConfig {
  const f = readFields(decodeConfig(raw, CONVERT_SCHEMA, path, env));
  const format = f.string('format') ?? '';
  if (!(FORMATS as readonly string[]).includes(format)) {
    const found = format === '' ? 'nothing' : `'${format}'`;
    env.problems.add(`${path}.format`, `format must be one of ${FORMATS.join(', ')}; found ${found}`);
  }
  const vmdk = f.string('vmdk_subformat') || 'streamOptimized';
  if (vmdk !== 'streamOptimized' && vmdk !== 'monolithicSparse') {
    env.problems.add(
      `${path}.vmdk_subformat`,
      `vmdk_subformat must be streamOptimized or monolithicSparse; found '${vmdk}'`,
    );
  } else if (f.has('vmdk_subformat') && format !== 'vmdk') {
    env.problems.add(
      `${path}.vmdk_subformat`,
      `vmdk_subformat only applies to format 'vmdk' (format is '${format}')`,
    );
  }
  const vhd = f.string('vhd_subformat') || 'dynamic';
  if (vhd !== 'dynamic' && vhd !== 'fixed') {
    env.problems.add(`${path}.vhd_subformat`, `vhd_subformat must be dynamic or fixed; found '${vhd}'`);
  } else if (f.has('vhd_subformat') && format !== 'vhd' && format !== 'vhdx') {
    env.problems.add(
      `${path}.vhd_subformat`,
      `vhd_subformat only applies to formats 'vhd' and 'vhdx' (format is '${format}')`,
    );
  }
  return {
    type: 'convert',
    format: (FORMATS as readonly string[]).includes(format) ? (format as ConvertFormat) : 'qcow2',
    output: f.string('output') || undefined,
    vmdkSubformat: vmdk === 'monolithicSparse' ? 'monolithicSparse' : 'streamOptimized',
    vhdSubformat: vhd === 'fixed' ? 'fixed' : 'dynamic',
    qemuImgArgs: f.stringList('qemu_img_args') ?? [],
  };
}
