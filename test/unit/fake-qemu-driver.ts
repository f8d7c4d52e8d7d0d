// FakeQemuDriver (Packer's DriverMock): records every call, answers with scripted results, and touches the files
// qemu-img would write, so the QEMU builder's steps run in unit tests without QEMU.
import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { RunningTpm } from '../../src/builders/qemu/devices/swtpm.js';
import type { QemuDriver } from '../../src/builders/qemu/driver.js';
import type { QmpConnection, QmpEvent, QmpStatus } from '../../src/builders/qemu/qmp.js';
import type { ScreenSize } from '../../src/builders/qemu/screendump.js';
import type { StartQemuOptions, VmExit, VmProcess } from '../../src/builders/qemu/vm-process.js';
import type { ImageInfo } from '../../src/disk/qemu-img.js';
import { encodePng } from '../../src/image/png.js';

export type DriverCall =
  | { method: 'qemuImg' | 'qemuImgUnlocked'; args: readonly string[] }
  | { method: 'imageInfo'; path: string; format: string | undefined }
  | { method: 'chooseAccelerator'; requested: string }
  | { method: 'qemuVersion' }
  | { method: 'startVm'; args: readonly string[]; options: StartQemuOptions }
  | { method: 'connectQmp'; socket: string }
  | { method: 'makeIso' | 'makeFloppy'; source: string; label: string; output: string }
  | { method: 'startTpm'; workDir: string; tpm1: boolean }
  | { method: 'screendump'; path: string };

export class FakeQemuDriver implements QemuDriver {
  readonly calls: DriverCall[] = [];
  /** Each started VM, in order. */
  readonly vms: FakeVm[] = [];
  readonly qmps: FakeQmp[] = [];
  /** Scripted qemu-img: return stdout or throw; default writes the output file of create/convert. */
  onQemuImg: (args: readonly string[]) => Promise<string> = touchOutput;
  info: ImageInfo = { format: 'qcow2', virtualSize: 1024 ** 3, actualSize: 1024 ** 2 };
  accelerator = { accelerator: 'tcg', reason: 'scripted by the test' };
  /** Scripted QMP connection: by default a fresh FakeQmp; a test can make it fail or never answer. */
  onConnectQmp: (signal: AbortSignal) => Promise<QmpConnection> = async () => this.newQmp();

  async qemuImg(args: readonly string[], signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    this.calls.push({ method: 'qemuImg', args });
    return this.onQemuImg(args);
  }

  async qemuImgUnlocked(args: readonly string[], signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    this.calls.push({ method: 'qemuImgUnlocked', args });
    return this.onQemuImg(args);
  }

  async imageInfo(path: string, signal: AbortSignal, format?: string): Promise<ImageInfo> {
    signal.throwIfAborted();
    this.calls.push({ method: 'imageInfo', path, format });
    return this.info;
  }

  async chooseAccelerator(requested: string, signal: AbortSignal) {
    signal.throwIfAborted();
    this.calls.push({ method: 'chooseAccelerator', requested });
    return this.accelerator;
  }

  version = 'QEMU emulator version 7.2.0 (fake)';

  async qemuVersion(signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    this.calls.push({ method: 'qemuVersion' });
    return this.version;
  }

  startVm(args: readonly string[], options: StartQemuOptions): VmProcess {
    this.calls.push({ method: 'startVm', args, options });
    const vm = new FakeVm(4000 + this.vms.length, args);
    this.vms.push(vm);
    return vm;
  }

  connectQmp(socket: string, signal: AbortSignal): Promise<QmpConnection> {
    this.calls.push({ method: 'connectQmp', socket });
    return this.onConnectQmp(signal);
  }

  /** The swtpm processes started, with whether each was stopped. */
  readonly tpms: { socket: string; stopped: boolean }[] = [];

  async makeIso(source: string, label: string, output: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    this.calls.push({ method: 'makeIso', source, label, output });
    await writeFile(output, 'fake iso');
  }

  async makeFloppy(source: string, label: string, output: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    this.calls.push({ method: 'makeFloppy', source, label, output });
    await writeFile(output, 'fake floppy');
  }

  async startTpm(workDir: string, tpm1: boolean, signal: AbortSignal): Promise<RunningTpm> {
    signal.throwIfAborted();
    this.calls.push({ method: 'startTpm', workDir, tpm1 });
    const tpm = { socket: `${workDir}/swtpm.sock`, stopped: false };
    this.tpms.push(tpm);
    return {
      socket: tpm.socket,
      stop: async () => {
        tpm.stopped = true;
      },
    };
  }

  /** A 2x1 screen (red, blue) written as a real PNG, through QMP as the driver does. */
  async screendump(qmp: QmpConnection, path: string): Promise<ScreenSize> {
    this.calls.push({ method: 'screendump', path });
    await qmp.command('screendump', { filename: `${path}.ppm` });
    const image = { width: 2, height: 1, rgb: Buffer.from([255, 0, 0, 0, 0, 255]) };
    await writeFile(path, encodePng(image));
    return image;
  }

  newQmp(): FakeQmp {
    const qmp = new FakeQmp();
    this.qmps.push(qmp);
    return qmp;
  }

  /** The qemu-img argument lists, in order. */
  qemuImgCalls(): (readonly string[])[] {
    return this.calls.flatMap((call) =>
      call.method === 'qemuImg' || call.method === 'qemuImgUnlocked' ? [call.args] : [],
    );
  }
}

/** qemu-img create/convert write their last argument (create: the one before the size). */
async function touchOutput(args: readonly string[]): Promise<string> {
  const [command] = args;
  const output = command === 'create' ? args.at(-2) : command === 'convert' ? args.at(-1) : undefined;
  if (output) await writeFile(output, 'fake disk');
  return '';
}

export class FakeVm implements VmProcess {
  readonly command: string;
  readonly exited: Promise<VmExit>;
  /** How it ended: 'stop' (Kiln stopped it) or 'exit' (it exited by itself). */
  readonly events: string[] = [];
  released = false;
  private done = false;
  private resolveExit: (exit: VmExit) => void = () => {};

  constructor(
    readonly pid: number,
    readonly args: readonly string[],
  ) {
    this.command = ['qemu-system-x86_64', ...args].join(' ');
    this.exited = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
  }

  hasExited(): boolean {
    return this.done;
  }

  errorLines(): string {
    return '';
  }

  release(): void {
    this.released = true;
  }

  /** The guest powers off, or QEMU dies: `exitCode` 0 is a clean power-off. */
  exit(exitCode = 0, stderr = ''): void {
    if (this.done) return;
    this.events.push('exit');
    this.done = true;
    this.resolveExit({ exitCode, signal: undefined, stderr });
  }

  /** QEMU is killed from outside (OOM killer, kill -9). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.done) return;
    this.events.push('exit');
    this.done = true;
    this.resolveExit({ exitCode: undefined, signal, stderr: '' });
  }

  async stop(): Promise<VmExit> {
    if (!this.done) {
      this.events.push('stop');
      this.done = true;
      this.resolveExit({ exitCode: undefined, signal: 'SIGTERM', stderr: '' });
    }
    return this.exited;
  }
}

export class FakeQmp extends EventEmitter<{ event: [QmpEvent] }> implements QmpConnection {
  readonly commands: { execute: string; args: Record<string, unknown> | undefined }[] = [];
  status: QmpStatus = { running: true, status: 'running' };
  closed = false;
  /** Called for each command; returns its result (default undefined). */
  onCommand: (execute: string, args?: Record<string, unknown>) => unknown = () => undefined;

  async command<T = unknown>(execute: string, args?: Record<string, unknown>): Promise<T> {
    this.commands.push({ execute, args });
    return (await this.onCommand(execute, args)) as T;
  }

  async queryStatus(): Promise<QmpStatus> {
    return this.status;
  }

  close(): void {
    this.closed = true;
  }
}
