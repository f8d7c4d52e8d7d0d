// The QEMU builder's one way to the host's QEMU (Packer's Driver): qemu-system, qemu-img, the KVM probe, and
// the tools that make the VM's extra devices (xorriso, mkfs.fat/mcopy, swtpm).
// Steps reach them only through `ctx.driver`, so unit tests can put a scripted fake in its place.
import { type ImageInfo, imageInfo, runQemuImg, runQemuImgUnlocked } from '../../disk/qemu-img.js';
import { type AcceleratorChoice, chooseAccelerator } from './accelerator.js';
import { type RunningTpm, startSwtpm } from './devices/swtpm.js';
import { makeFloppyImage, makeIsoImage } from './media/make-images.js';
import { QmpClient, type QmpConnection } from './qmp.js';
import { qemuVersion, type StartQemuOptions, startQemu, type VmProcess } from './vm-process.js';

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
}

export function createQemuDriver(qemuBinary: string): QemuDriver {
  return {
    qemuImg: (args, signal) => runQemuImg(args, { signal }),
    qemuImgUnlocked: (args, signal) => runQemuImgUnlocked(args, { signal }),
    imageInfo: (path, signal, format) => imageInfo(path, { signal, ...(format ? { format } : {}) }),
    chooseAccelerator: (requested, signal) => chooseAccelerator(requested, { qemuBinary, signal }),
    qemuVersion: (signal) => qemuVersion(qemuBinary, signal),
    startVm: (args, options) => startQemu(qemuBinary, args, options),
    connectQmp: (socket, signal) => QmpClient.connect(socket, signal),
    makeIso: makeIsoImage,
    makeFloppy: makeFloppyImage,
    startTpm: startSwtpm,
  };
}
