// Kiln's `ova` post-processor options: the virtual machine an OVA describes around the build's disk.
// Option names follow Packer's vmware/vsphere builders (vm_name, guest_os_type, memory, cpus,
// network_adapter_type, disk_adapter_type, firmware).
import { didYouMean } from '../../core/suggest.js';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';
import { findGuestOs, GUEST_OS_TYPES, type GuestOs, LINUX_64 } from '../common/guest-os.js';
import type { DiskAdapter, Firmware, NetworkAdapter } from '../common/ovf-descriptor.js';

export interface OvaConfig {
  readonly type: 'ova';
  /** Output path template (rendered at run time); undefined = `<vm_name>.ova` beside the input disk. */
  readonly output: string | undefined;
  /** undefined = the input disk's name without its extension. */
  readonly vmName: string | undefined;
  readonly guestOs: GuestOs;
  readonly memoryMiB: number;
  readonly cpus: number;
  readonly networkAdapter: NetworkAdapter;
  readonly diskAdapter: DiskAdapter;
  readonly firmware: Firmware;
}

export const OVA_SCHEMA = {
  fields: {
    output: { kind: 'string', raw: true },
    vm_name: { kind: 'string' },
    guest_os_type: { kind: 'string', into: 'guestOs' },
    memory: { kind: 'int', into: 'memoryMiB' },
    cpus: { kind: 'int' },
    network_adapter_type: { kind: 'string', into: 'networkAdapter' },
    disk_adapter_type: { kind: 'string', into: 'diskAdapter' },
    firmware: { kind: 'string' },
  },
} as const;

/** Names inside the OVA are built from vm_name: keep them portable and within USTAR's 100-byte names. */
const VM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function resolveOvaConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): OvaConfig {
  const f = readFields(decodeConfig(raw, OVA_SCHEMA, path, env));
  const problem = (key: string, message: string) => env.problems.add(`${path}.${key}`, message);
  const vmName = f.string('vm_name') || undefined;
  if (vmName !== undefined && !VM_NAME.test(vmName))
    problem(
      'vm_name',
      `vm_name must be 1-64 letters, digits, '.', '_' or '-' (it names the files in the OVA); found '${vmName}'`,
    );
  const osName = f.string('guest_os_type') || LINUX_64.virtualBox;
  const guestOs = findGuestOs(osName);
  if (!guestOs) {
    const names = GUEST_OS_TYPES.map((os) => os.virtualBox);
    problem(
      'guest_os_type',
      `unknown guest_os_type '${osName}'${didYouMean(osName, names)}; one of ${names.join(', ')} (or the VMware guest id)`,
    );
  }
  const memoryMiB = f.int('memory') ?? 1024;
  if (memoryMiB < 4) problem('memory', `memory is in MiB and must be at least 4; found ${memoryMiB}`);
  const cpus = f.int('cpus') ?? 1;
  if (cpus < 1 || cpus > 128) problem('cpus', `cpus must be between 1 and 128; found ${cpus}`);
  return {
    type: 'ova',
    output: f.string('output') || undefined,
    vmName,
    guestOs: guestOs ?? LINUX_64,
    memoryMiB,
    cpus,
    networkAdapter: oneOf(
      f.string('network_adapter_type'),
      ['e1000', 'vmxnet3'],
      'network_adapter_type',
      problem,
    ),
    diskAdapter: diskAdapter(f.string('disk_adapter_type'), problem),
    firmware: oneOf(f.string('firmware'), ['bios', 'efi'], 'firmware', problem),
  };
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly [T, ...T[]],
  key: string,
  problem: (key: string, message: string) => void,
): T {
  const wanted = (value || allowed[0]).toLowerCase();
  const found = allowed.find((name) => name === wanted);
  if (found) return found;
  problem(key, `${key} must be one of ${allowed.join(', ')}; found '${value}'${didYouMean(wanted, allowed)}`);
  return allowed[0];
}

/** vmware-iso's names for the same controllers are accepted too (lsilogic and scsi mean the LSI Logic SCSI). */
function diskAdapter(
  value: string | undefined,
  problem: (key: string, message: string) => void,
): DiskAdapter {
  return oneOf(value === 'lsilogic' ? 'scsi' : value, ['sata', 'scsi', 'ide'], 'disk_adapter_type', problem);
}
