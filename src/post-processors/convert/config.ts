// Kiln's `convert` post-processor options: qemu-img convert of the build's disk to one or several formats.

import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export const CONVERT_FORMATS = ['vmdk', 'raw', 'vhd', 'vhdx', 'vdi', 'qcow2'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

export interface ConvertConfig {
  readonly type: 'convert';
  /** `format`: one name or a list (`["vmdk", "vhdx"]` or `"vmdk,vhdx"`); one output file per format. */
  readonly formats: readonly ConvertFormat[];
  /** Output file name template (rendered at run time with .Format); undefined = beside the input. */
  readonly output: string | undefined;
  readonly vmdkSubformat: 'streamOptimized' | 'monolithicSparse';
  /** For vhd and vhdx. A fixed vhd is sized up to a whole MiB (what Azure requires). */
  readonly vhdSubformat: 'dynamic' | 'fixed';
  /** qcow2 only: compressed clusters (`qemu-img convert -c`), like the qemu builder's disk_compression. */
  readonly diskCompression: boolean;
  /** Extra `qemu-img convert` arguments. */
  readonly qemuImgArgs: readonly string[];
}

export const CONVERT_SCHEMA = {
  fields: {
    format: { kind: 'stringList' },
    output: { kind: 'string', raw: true },
    vmdk_subformat: { kind: 'string' },
    vhd_subformat: { kind: 'string' },
    disk_compression: { kind: 'bool' },
    qemu_img_args: { kind: 'stringList' },
  },
} as const;

function isFormat(name: string): name is ConvertFormat {
  return (CONVERT_FORMATS as readonly string[]).includes(name);
}

export function resolveConvertConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): ConvertConfig {
  const f = readFields(decodeConfig(raw, CONVERT_SCHEMA, path, env));
  const problem = (key: string, message: string) => env.problems.add(`${path}.${key}`, message);
  const names = (f.stringList('format') ?? []).map((name) => name.trim());
  if (names.length === 0)
    problem('format', `format must be one of ${CONVERT_FORMATS.join(', ')}; found nothing`);
  for (const name of names)
    if (!isFormat(name))
      problem('format', `format must be one of ${CONVERT_FORMATS.join(', ')}; found '${name}'`);
  const formats = [...new Set(names.filter(isFormat))];
  const uses = (...wanted: ConvertFormat[]) => formats.some((format) => wanted.includes(format));
  const output = f.string('output') || undefined;
  if (output !== undefined && formats.length > 1 && !output.includes('.Format'))
    problem('output', 'with several formats, output must contain {{.Format}} so each file gets its own name');

  const vmdk = f.string('vmdk_subformat') || 'streamOptimized';
  if (vmdk !== 'streamOptimized' && vmdk !== 'monolithicSparse')
    problem('vmdk_subformat', `vmdk_subformat must be streamOptimized or monolithicSparse; found '${vmdk}'`);
  else if (f.has('vmdk_subformat') && !uses('vmdk'))
    problem(
      'vmdk_subformat',
      `vmdk_subformat only applies to format 'vmdk' (format is ${formats.join(', ')})`,
    );
  const vhd = f.string('vhd_subformat') || 'dynamic';
  if (vhd !== 'dynamic' && vhd !== 'fixed')
    problem('vhd_subformat', `vhd_subformat must be dynamic or fixed; found '${vhd}'`);
  else if (f.has('vhd_subformat') && !uses('vhd', 'vhdx'))
    problem(
      'vhd_subformat',
      `vhd_subformat only applies to formats 'vhd' and 'vhdx' (format is ${formats.join(', ')})`,
    );
  const diskCompression = f.bool('disk_compression') ?? false;
  if (diskCompression && !uses('qcow2'))
    problem(
      'disk_compression',
      `disk_compression only applies to format 'qcow2' (format is ${formats.join(', ')})`,
    );
  return {
    type: 'convert',
    formats,
    output,
    vmdkSubformat: vmdk === 'monolithicSparse' ? 'monolithicSparse' : 'streamOptimized',
    vhdSubformat: vhd === 'fixed' ? 'fixed' : 'dynamic',
    diskCompression,
    qemuImgArgs: f.stringList('qemu_img_args') ?? [],
  };
}
