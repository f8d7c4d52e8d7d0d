// Chooses the accelerator: KVM where it really runs a guest, else TCG, and says why.
import { existsSync } from 'node:fs';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export interface AcceleratorChoice {
  accelerator: string;
  reason: string;
}

export interface ProbeOptions {
  qemuBinary: string;
  signal: AbortSignal;
  /** Injectable for tests: where to look for /dev/kvm and /sys/module. */
  root?: string;
}

// kvm-probe.asm assembled: switches real -> protected -> unreal mode, then exits QEMU with code 99.
const PROBE_CODE =
  'fa31c08ed80f01167c7c0f20c00c010f22c0ea177c080066b810008ed88ec0c7050000100078563412ea307c000018000f20c024fe0f22c0ea3d7c000031c08ed866bb0000100066678b03663d785634127504b031e6f4b032e6f4f4000000000000';
const PROBE_SUCCESS_EXIT = 99;
const PROBE_TIMEOUT_MS = 15_000;

/** Resolves 'auto' (and checks an explicit 'kvm' is usable) before anything boots. */
export async function chooseAccelerator(
  requested: string,
  options: ProbeOptions,
): Promise<AcceleratorChoice> {
  if (requested !== 'auto') return { accelerator: requested, reason: 'set by the template' };
  const unusable = await kvmUnusableReason(options);
  if (unusable)
    return { accelerator: 'tcg', reason: `${unusable}; using TCG (software emulation, much slower)` };
  return { accelerator: 'kvm', reason: 'KVM ran a probe guest' };
}

/** Undefined when KVM can run an ordinary guest; otherwise why not. */
export async function kvmUnusableReason(options: ProbeOptions): Promise<string | undefined> {
  const root = options.root ?? '/';
  const device = join(root, 'dev/kvm');
  if (!existsSync(device)) return '/dev/kvm does not exist';
  try {
    await access(device, constants.R_OK | constants.W_OK);
  } catch {
    return `/dev/kvm is not accessible to this user (add the user to the 'kvm' group)`;
  }
  // PVM is a paravirtual KVM: /dev/kvm opens, but bootloaders stop with "KVM internal error".
  if (existsSync(join(root, 'sys/module/kvm_pvm')))
    return 'KVM here is paravirtual (kvm_pvm), which cannot run an ordinary guest';
  return probeGuest(options);
}

async function probeGuest(options: ProbeOptions): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-kvm-probe-'));
  try {
    const image = join(dir, 'probe.img');
    await writeFile(image, bootSector());
    const result = await execa(options.qemuBinary, buildProbeArgs(image), {
      reject: false,
      timeout: PROBE_TIMEOUT_MS,
      cancelSignal: options.signal,
      stdin: 'ignore',
    });
    // A cancelled build is not evidence against KVM.
    if (result.isCanceled) options.signal.throwIfAborted();
    if (result.exitCode === PROBE_SUCCESS_EXIT) return undefined;
    const detail = result.timedOut
      ? 'it did not finish in 15 s'
      : lastLine(result.stderr) || `exit code ${result.exitCode}`;
    return `KVM could not run a probe guest (${detail})`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function buildProbeArgs(image: string): string[] {
  return [
    '-accel',
    'kvm',
    '-machine',
    'pc',
    '-nodefaults',
    '-display',
    'none',
    '-m',
    '16',
    '-no-reboot',
    '-device',
    'isa-debug-exit,iobase=0xf4,iosize=1',
    '-drive',
    `file=${image},format=raw,if=floppy`,
    '-boot',
    'a',
  ];
}

function bootSector(): Buffer {
  const sector = Buffer.alloc(512);
  Buffer.from(PROBE_CODE, 'hex').copy(sector);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => !line.includes('warning:'))
      .at(-1) ?? ''
  );
}
