// `kiln doctor`'s checks: what this machine can build with, each a finding with what to do when it falls short.

import { formatBytes } from '../core/format.js';
import { resolveCacheDir } from '../iso/index.js';
import type { HostProbes } from './host-probes.js';

/** `fail`: no build can run; `warn`: builds run, slower or with less; `missing`: an optional feature is off. */
export type FindingStatus = 'ok' | 'warn' | 'missing' | 'fail';

export interface Finding {
  status: FindingStatus;
  name: string;
  detail: string;
  hint?: string;
}

export interface DoctorContext {
  probes: HostProbes;
  env: NodeJS.ProcessEnv;
  /** Where output_directory (default output-<name>) is created. */
  cwd: string;
  signal: AbortSignal;
}

const LOW_DISK_BYTES = 10 * 1024 ** 3;
const OVMF_DIR = '/usr/share/OVMF';

export async function runChecks(context: DoctorContext): Promise<Finding[]> {
  const { probes } = context;
  const qemus = await probes.onPath('qemu-system-');
  const qemu = qemus.get('qemu-system-x86_64');
  const img = (await probes.onPath('qemu-img')).get('qemu-img');
  return [
    await required(probes, 'qemu-system-x86_64', qemu, 'apt-get install qemu-system-x86'),
    ...otherQemus(qemus),
    await required(probes, 'qemu-img', img, 'apt-get install qemu-utils'),
    await kvm(context, qemu),
    await optional(probes, 'xorriso', 'ISOs made from files (cd_files, the test OS)', 'xorriso', '-version'),
    await ovmf(probes),
    await optional(probes, 'swtpm', 'guests that need a TPM', 'swtpm', '--version'),
    await freeSpace(probes, 'cache directory', resolveCacheDir(context.env, undefined, context.cwd), 'ISOs'),
    await freeSpace(probes, 'output directory', context.cwd, 'disk images'),
  ];
}

async function required(
  probes: HostProbes,
  name: string,
  path: string | undefined,
  install: string,
): Promise<Finding> {
  if (!path) return { status: 'fail', name, detail: 'not found on PATH: no build can run', hint: install };
  const version = await probes.version(path);
  if (!version)
    return { status: 'fail', name, detail: `${path} does not run (--version failed)`, hint: install };
  return { status: 'ok', name, detail: `${path}: ${version}` };
}

function otherQemus(qemus: Map<string, string>): Finding[] {
  const others = [...qemus.keys()].filter((name) => name !== 'qemu-system-x86_64');
  if (others.length === 0) return [];
  return [{ status: 'ok', name: 'other QEMU', detail: `${others.join(', ')} (for qemu_binary)` }];
}

async function optional(
  probes: HostProbes,
  name: string,
  use: string,
  binary: string,
  flag: string,
): Promise<Finding> {
  const path = (await probes.onPath(binary)).get(binary);
  const version = path ? await probes.version(path, flag) : undefined;
  if (!path || !version)
    return {
      status: 'missing',
      name,
      detail: `not found (needed for ${use})`,
      hint: `apt-get install ${binary}`,
    };
  return { status: 'ok', name, detail: `${path}: ${version}` };
}

async function ovmf(probes: HostProbes): Promise<Finding> {
  const files = (await probes.list(OVMF_DIR)).filter((file) => file.endsWith('.fd'));
  if (files.length === 0)
    return {
      status: 'missing',
      name: 'OVMF',
      detail: `no ${OVMF_DIR}/*.fd: no UEFI firmware`,
      hint: 'apt-get install ovmf',
    };
  return { status: 'ok', name: 'OVMF', detail: `${OVMF_DIR}: ${files.join(', ')}` };
}

async function kvm(context: DoctorContext, qemu: string | undefined): Promise<Finding> {
  const { probes } = context;
  const name = '/dev/kvm';
  const tcg = 'builds run under TCG (software emulation, several times slower)';
  if (!(await probes.exists('/dev/kvm')))
    return {
      status: 'warn',
      name,
      detail: `absent: ${tcg}`,
      hint: 'enable VT-x/AMD-V (or nested virtualization on a cloud VM) and load kvm_intel or kvm_amd; in a container pass --device /dev/kvm',
    };
  if (!qemu)
    return { status: 'warn', name, detail: 'present, but without qemu-system-x86_64 nothing can test it' };
  const reason = await probes.kvmUnusable(qemu, context.signal);
  if (reason === undefined) return { status: 'ok', name, detail: 'usable: KVM ran a probe guest' };
  if (await probes.exists('/sys/module/kvm_pvm'))
    return {
      status: 'warn',
      name,
      detail: `${reason}: ${tcg}`,
      hint: 'PVM (/sys/module/kvm_pvm) is paravirtual KVM: ordinary guests die with "KVM internal error"; leave accelerator at auto (or set tcg)',
    };
  if (!(await probes.readWritable('/dev/kvm'))) {
    const group = await probes.kvmGroup();
    return {
      status: 'warn',
      name,
      detail: `no permission: ${tcg}`,
      hint: group
        ? `join the '${group}' group that owns /dev/kvm (sudo usermod -aG ${group} "$USER"), then log in again`
        : '/dev/kvm belongs to no group you can join: ask for a udev rule giving it to the kvm group, mode 0660',
    };
  }
  return { status: 'warn', name, detail: `${reason}: ${tcg}` };
}

async function freeSpace(probes: HostProbes, name: string, path: string, holds: string): Promise<Finding> {
  const free = await probes.freeBytes(path);
  if (free === undefined) return { status: 'warn', name, detail: `${path}: free space unknown` };
  const detail = `${path}: ${formatBytes(free)} free`;
  if (free >= LOW_DISK_BYTES) return { status: 'ok', name, detail };
  return { status: 'warn', name, detail, hint: `less than ${formatBytes(LOW_DISK_BYTES)} for ${holds}` };
}
