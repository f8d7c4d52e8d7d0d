// Post-processor `convert` (Kiln's own): turns the build's disk into each requested format with qemu-img, each
// written under a partial name, checked with qemu-img, then renamed into place. If one format fails, the
// outputs already made by this run are removed too, so a failed post-processor leaves nothing behind.
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Logger } from '../../core/debug-log.js';
import { KilnError } from '../../core/errors.js';
import { writeThroughPartial } from '../../core/partial-file.js';
import type { Ui } from '../../core/ui.js';
import { imageInfo, type QemuImgOptions, runQemuImg } from '../../disk/qemu-img.js';
import { type Artifact, filesArtifact, type PostProcessorResult } from '../../plugins/artifact.js';
import { inStep } from '../in-step.js';
import { buildConvertArgs, buildCreateFixedVhdArgs, defaultConvertOutput, QEMU_FORMAT } from './args.js';
import type { ConvertConfig, ConvertFormat } from './config.js';

export const CONVERT_BUILDER_ID = 'kiln.post-processor.convert';

/** Formats `qemu-img check` can verify; raw and vpc have no metadata to check. */
const CHECKABLE = new Set<ConvertFormat>(['vmdk', 'vhdx', 'vdi', 'qcow2']);

export interface ConvertRun {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  /** The build's debug log, for qemu-img's command lines. */
  readonly log: Logger;
  /** The rendered `output` for one format, or undefined for the default beside the input. */
  readonly outputFor: (format: ConvertFormat) => string | undefined;
}

export async function runConvert(
  input: Artifact,
  options: ConvertConfig,
  { ui, signal, log, outputFor }: ConvertRun,
): Promise<PostProcessorResult> {
  const disk = input.files[0];
  if (!disk) throw new KilnError('convert: the input artifact has no files', { code: 'post-processor' });
  const source = { path: disk, format: input.diskFormat };
  const outputs = options.formats.map((format) => outputFor(format) ?? defaultConvertOutput(disk, format));
  for (const output of outputs) {
    if (output === disk)
      throw new KilnError(`convert: output ${output} would overwrite its input`, { code: 'post-processor' });
    if (outputs.indexOf(output) !== outputs.lastIndexOf(output))
      throw new KilnError(`convert: two formats would both write ${output}`, { code: 'post-processor' });
  }
  const done: string[] = [];
  try {
    for (const [i, format] of options.formats.entries()) {
      const output = outputs[i] as string;
      ui.say(`Converting ${basename(disk)} to ${format} (${basename(output)})`);
      await writeThroughPartial(output, (partial) =>
        convertOne(options, format, source, partial, ui, { signal, log }),
      );
      done.push(output);
    }
  } catch (error) {
    for (const output of done) await rm(output, { force: true });
    throw error;
  }
  const [only] = options.formats.length === 1 ? options.formats : [];
  return {
    artifact: filesArtifact(
      CONVERT_BUILDER_ID,
      outputs,
      `${options.formats.join(', ')} disk${outputs.length > 1 ? 's' : ''}: ${outputs.join(', ')}`,
      // With several files there is no one disk format to hand on.
      only && QEMU_FORMAT[only],
    ),
    keepInputDefault: true,
    forceKeepInput: false,
  };
}

async function convertOne(
  options: ConvertConfig,
  format: ConvertFormat,
  source: { path: string; format: string | undefined },
  partial: string,
  ui: Ui,
  qemuImg: QemuImgOptions,
): Promise<void> {
  const label = (step: string) => ({ postProcessor: 'convert', step, input: source.path });
  const formatArg = source.format ? { format: source.format } : {};
  const original = await inStep(label('reading the input'), () =>
    imageInfo(source.path, { ...qemuImg, ...formatArg }),
  );
  if (format === 'vhd' && options.vhdSubformat === 'fixed')
    await inStep(label('creating the fixed vhd'), () =>
      runQemuImg(buildCreateFixedVhdArgs(partial, original.virtualSize), qemuImg),
    );
  const progress = ui.progress(`converting to ${format}`, 100, 'percent');
  await inStep(label(`converting to ${format}`), () =>
    runQemuImg(buildConvertArgs(options, format, source.path, partial, source.format), {
      ...qemuImg,
      onProgress: (percent) => progress.update(percent),
    }),
  );
  progress.done();
  await inStep(label(`checking the ${format} output`), () =>
    verifyImage(partial, original.virtualSize, format, qemuImg),
  );
}

async function verifyImage(path: string, sourceSize: number, format: ConvertFormat, qemuImg: QemuImgOptions) {
  const qemuFormat = QEMU_FORMAT[format];
  if (CHECKABLE.has(format)) await runQemuImg(['check', '-f', qemuFormat, path], qemuImg);
  const info = await imageInfo(path, { ...qemuImg, format: qemuFormat });
  if (info.format !== qemuFormat)
    throw new KilnError(`${path} came out as ${info.format}, not ${qemuFormat}`, { code: 'post-processor' });
  // A fixed vhd may grow to a whole MiB; no format may shrink the disk.
  if (info.virtualSize < sourceSize)
    throw new KilnError(`${path} is ${info.virtualSize} bytes, smaller than the source's ${sourceSize}`, {
      code: 'post-processor',
    });
}
