// Post-processor `convert` (Kiln's own): turns the qcow2 disk into vmdk, raw, vhd or vhdx with qemu-img,
// writes under a partial name, checks the result with qemu-img, then renames it into place.
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KilnError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { imageInfo, runQemuImg } from '../../disk/qemu-img.js';
import { type Artifact, filesArtifact, type PostProcessorResult } from '../../plugins/artifact.js';
import type { ConvertConfig, ConvertFormat } from './config.js';

const QEMU_FORMAT: Record<ConvertFormat, string> = {
  vmdk: 'vmdk',
  raw: 'raw',
  vhd: 'vpc',
  vhdx: 'vhdx',
  qcow2: 'qcow2',
};
const EXTENSION: Record<ConvertFormat, string> = {
  vmdk: '.vmdk',
  raw: '.raw',
  vhd: '.vhd',
  vhdx: '.vhdx',
  qcow2: '.qcow2',
};
/** Formats `qemu-img check` can verify; raw and vpc have no metadata to check. */
const CHECKABLE = new Set<ConvertFormat>(['vmdk', 'vhdx', 'qcow2']);

/** Beside the input, with the new extension; only a disk extension is replaced (`ubuntu-22.04` stays whole). */
export function defaultConvertOutput(input: string, format: ConvertFormat): string {
  const name = basename(input).replace(/\.(qcow2|raw|img|vmdk|vhdx?|vdi)$/i, '');
  return join(dirname(input), `${name}${EXTENSION[format]}`);
}

export function buildConvertArgs(
  options: ConvertConfig,
  input: string,
  output: string,
  inputFormat?: string,
): string[] {
  const formatOptions = {
    vmdk: [`subformat=${options.vmdkSubformat}`],
    vhd: options.vhdSubformat === 'fixed' ? ['subformat=fixed', 'force_size=on'] : ['subformat=dynamic'],
    vhdx: ['subformat=dynamic'],
    raw: [],
    qcow2: [],
  }[options.format];
  const o = formatOptions.length ? ['-o', formatOptions.join(',')] : [];
  const from = inputFormat ? ['-f', inputFormat] : [];
  return [
    'convert',
    '-p',
    ...options.qemuImgArgs,
    ...from,
    '-O',
    QEMU_FORMAT[options.format],
    ...o,
    input,
    output,
  ];
}

/** `output` is the rendered output path, or undefined for the default beside the input. */
export async function runConvert(
  input: Artifact,
  options: ConvertConfig & { readonly output: string | undefined },
  ui: Ui,
  signal: AbortSignal,
): Promise<PostProcessorResult> {
  const disk = input.files[0];
  if (!disk) throw new KilnError('convert: the input artifact has no files', { code: 'post-processor' });
  const output = options.output ?? defaultConvertOutput(disk, options.format);
  if (output === disk)
    throw new KilnError(`convert: output ${output} would overwrite its input`, { code: 'post-processor' });
  const partial = `${output}.kiln-partial`;
  ui.say(`Converting ${basename(disk)} to ${options.format} (${basename(output)})`);
  try {
    await convertWithProgress(buildConvertArgs(options, disk, partial, input.diskFormat), ui, signal);
    await verifyImage(partial, { path: disk, format: input.diskFormat }, options.format, signal);
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }
  return {
    artifact: filesArtifact(
      'kiln.post-processor.convert',
      [output],
      `${options.format} disk: ${output}`,
      QEMU_FORMAT[options.format],
    ),
    keepInputDefault: true,
    forceKeepInput: false,
  };
}

async function convertWithProgress(args: string[], ui: Ui, signal: AbortSignal): Promise<void> {
  const progress = ui.progress('converting', 100, 'percent');
  await runQemuImg(args, { signal, onProgress: (percent) => progress.update(percent) });
  progress.done();
}

async function verifyImage(
  path: string,
  source: { path: string; format: string | undefined },
  format: ConvertFormat,
  signal: AbortSignal,
): Promise<void> {
  if (CHECKABLE.has(format)) await runQemuImg(['check', '-f', QEMU_FORMAT[format], path], { signal });
  const [info, original] = await Promise.all([
    imageInfo(path, { signal, format: QEMU_FORMAT[format] }),
    imageInfo(source.path, { signal, ...(source.format ? { format: source.format } : {}) }),
  ]);
  if (info.format !== QEMU_FORMAT[format]) {
    throw new KilnError(`convert: ${path} came out as ${info.format}, not ${QEMU_FORMAT[format]}`, {
      code: 'post-processor',
    });
  }
  // Fixed VHD rounds nothing with force_size; every other format keeps the virtual size exactly.
  if (info.virtualSize < original.virtualSize) {
    throw new KilnError(
      `convert: ${path} is ${info.virtualSize} bytes, smaller than the source's ${original.virtualSize}`,
      {
        code: 'post-processor',
      },
    );
  }
}
