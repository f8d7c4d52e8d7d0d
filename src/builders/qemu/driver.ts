// The QEMU builder's one way to the host's QEMU (Packer's Driver): qemu-system, qemu-img, the KVM probe, and
// the tools that make the VM's extra devices (xorriso, mkfs.fat/mcopy, swtpm).
// Steps reach them only through `ctx.driver`, so unit tests can put a scripted fake in its place. Every command
// line the driver runs goes to the build's debug log.
import type { Logger } from '../../core/debug-log.js';
import { type ImageInfo, imageInfo, runQemuImg, runQemuImgUnlocked } from '../../disk/qemu-img.js';
import { type AcceleratorChoice, chooseAccelerator } from './accelerator.js';
import { type RunningTpm, startSwtpm } from './devices/swtpm.js';
import { makeFloppyImage, makeIsoImage } from './media/make-images.js';
import { QmpClient, type QmpConnection } from './qmp.js';
import { type ScreenSize, screendumpPng } from './screendump.js';
import { describeExit, qemuVersion, type StartQemuOptions, startQemu, type VmProcess } from './vm-process.js';

export interface QemuDriver {
  /** Runs qemu-img; resolves with its stdout. */
  qemuImg(args: readonly string[], signal: AbortSignal): Promise<string>;
  /** qemu-img, retried while a QEMU that just exited still holds the image's write lock. */
  qemuImgUnlocked(args: readonly string[], signal: AbortSignal): Promise<string>;
  /** `qemu-img info`; `format` when known, so qemu-img does not probe it. */
  imageInfo(path: string, signal: AbortSignal, format?: string): Promise<ImageInfo>;
  /** Resolves `auto` (probing KVM with a tiny guest) and checks an explicit choice. */
  chooseAccelerator(requested: string, signal: AbortSignal): Promise<AcceleratorChoice>;
  /** qemu-system's `--version` line (the snapshot cache records it with every VM state it saves). */
  qemuVersion(signal: AbortSignal): Promise<string>;
  /** Starts qemu-system with these arguments. */
  startVm(args: readonly string[], options: StartQemuOptions): VmProcess;
  /** Connects to the QMP socket QEMU is creating (retrying until it exists). */
  connectQmp(socket: string, signal: AbortSignal): Promise<QmpConnection>;
  /** An ISO 9660 + Joliet + Rock Ridge image of `source` (xorriso), for cd_files. */
  makeIso(source: string, label: string, output: string, signal: AbortSignal): Promise<void>;
  /** A FAT12 1.44 MB floppy image of `source` (mkfs.fat + mcopy), for floppy_files. */
  makeFloppy(source: string, label: string, output: string, signal: AbortSignal): Promise<void>;
  /** Starts a swtpm with its state and socket in `workDir`, for vtpm. */
  startTpm(workDir: string, tpm1: boolean, signal: AbortSignal): Promise<RunningTpm>;
  /** Saves the VM's screen as a PNG at `pngPath` (QMP screendump). */
  screendump(qmp: QmpConnection, pngPath: string): Promise<ScreenSize>;
}

export function createQemuDriver(qemuBinary: string, log: Logger): QemuDriver {
  const qemuImgLog = log.scoped('qemu-img');
  const qemuLog = log.scoped('qemu-system');
  const media = log.scoped('media');
  return {
    qemuImg: (args, signal) => runQemuImg(args, { signal, log: qemuImgLog }),
    qemuImgUnlocked: (args, signal) => runQemuImgUnlocked(args, { signal, log: qemuImgLog }),
    imageInfo: (path, signal, format) =>
      imageInfo(path, { signal, log: qemuImgLog, ...(format ? { format } : {}) }),
    chooseAccelerator: async (requested, signal) => {
      const choice = await chooseAccelerator(requested, { qemuBinary, signal });
      qemuLog.debug(`accelerator '${requested}' -> ${choice.accelerator}: ${choice.reason}`);
      return choice;
    },
    qemuVersion: (signal) => qemuVersion(qemuBinary, signal),
    startVm: (args, options) => {
      qemuLog.debug(`running: ${[qemuBinary, ...args].join(' ')}`);
      const vm = startQemu(qemuBinary, args, {
        ...options,
        onStderrLine: (line) => {
          qemuLog.debug(`stderr: ${line}`);
          options.onStderrLine?.(line);
        },
      });
      void vm.exited.then((exit) => qemuLog.debug(`pid ${vm.pid} exited: ${describeExit(exit)}`));
      return vm;
    },
    connectQmp: (socket, signal) => QmpClient.connect(socket, signal, { log: log.scoped('qmp') }),
    makeIso: (source, label, output, signal) => {
      media.debug(
        `running: xorriso -as genisoimage -rock -joliet -volid ${label} -output ${output} ${source}`,
      );
      return makeIsoImage(source, label, output, signal);
    },
    makeFloppy: (source, label, output, signal) => {
      media.debug(`making a FAT12 floppy ${output} labelled ${label} from ${source} (mkfs.fat, mcopy)`);
      return makeFloppyImage(source, label, output, signal);
    },
    startTpm: (workDir, tpm1, signal) => {
      log.scoped('swtpm').debug(`starting swtpm (TPM ${tpm1 ? '1.2' : '2.0'}) with its state in ${workDir}`);
      return startSwtpm(workDir, tpm1, signal);
    },
    screendump: (qmp, pngPath) => screendumpPng(qmp, pngPath),
  };
}
