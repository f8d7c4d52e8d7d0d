// Builds QEMU's command line the way Packer does (defaults keyed by switch, `qemuargs` replacing a switch
// wholesale), with Kiln's own monitor socket and loopback-only forwards added.

export interface QemuArgsInput {
  vmName: string;
  machineType: string;
  /** 'none' means no accel= in -machine (Packer's behaviour). */
  accelerator: string;
  memoryMiB: number;
  cpus: number;
  /** sockets/cores/threads (the QEMU plugin's options); 0 = not given. */
  topology: { sockets: number; cores: number; threads: number };
  /** -cpu (cpu_model). */
  cpuModel: string | undefined;
  /** -vga (vga). */
  vga: string | undefined;
  /** `firmware`: a BIOS file, as -bios or (use_pflash) a read-only pflash drive. */
  firmware: { path: string; pflash: boolean } | undefined;
  /** efi_boot: OVMF code (read-only) and the build's own copy of the variables. */
  efi: { code: string; vars: string } | undefined;
  /** floppy_files/dirs/content: the floppy image. */
  floppy: string | undefined;
  /** vtpm: the swtpm socket and the device QEMU exposes (tpm_device_type). */
  tpm: { socket: string; device: string } | undefined;
  netDevice: string;
  /** Host side of the SSH forward; undefined when there is no communicator. */
  sshHostPort: number | undefined;
  sshGuestPort: number;
  disks: readonly string[];
  diskInterface: string;
  diskCache: string;
  diskDiscard: string;
  diskDetectZeroes: string;
  format: string;
  cdroms: readonly string[];
  cdromInterface: string | undefined;
  bootDevice: 'once=d' | 'c' | undefined;
  vnc: { bind: string; display: number; password: boolean } | undefined;
  /** -display value; undefined passes none (QEMU's default). */
  display: string | undefined;
  /** The guest's serial console goes here, so a failure can show what the guest printed last. */
  serialLog: string | undefined;
  /** Kiln's own QMP socket, added outside the switch map so `qemuargs` cannot remove it. */
  monitorSocket: string;
  /** The user's `-qmp` socket (qmp_enable), a switch like any other. */
  userQmpSocket: string | undefined;
  /** Already rendered `qemuargs`. */
  qemuargs: readonly (readonly string[])[];
}

type ArgMap = Map<string, string[]>;

export function buildQemuArgs(input: QemuArgsInput): string[] {
  const merged = mergeQemuArgs(defaultArgs(input), input.qemuargs, input.netDevice);
  return [...flatten(merged), ...monitorArgs(input.monitorSocket)];
}

/**
 * Packer's rule: any switch named in `qemuargs` replaces every default value of that switch; values of one
 * inner array are concatenated without separator; an empty value means a switch with no value. The default NIC
 * is re-added when the user's `-device` list does not mention the net device (Packer #6804).
 */
export function mergeQemuArgs(
  defaults: ArgMap,
  qemuargs: readonly (readonly string[])[],
  netDevice: string,
): ArgMap {
  const user: ArgMap = new Map();
  for (const row of qemuargs) {
    const [key, ...rest] = row;
    if (key === undefined) continue;
    const values = user.get(key) ?? [];
    const value = rest.join('');
    if (value.length > 0) values.push(value);
    user.set(key, values);
  }
  const merged: ArgMap = new Map();
  for (const [key, values] of defaults) merged.set(key, user.get(key) ?? values);
  for (const [key, values] of user) if (!merged.has(key)) merged.set(key, values);
  const devices = user.get('-device');
  if (devices && !devices.join('').includes(netDevice)) devices.push(`${netDevice},netdev=user.0`);
  return merged;
}

function defaultArgs(input: QemuArgsInput): ArgMap {
  const args: ArgMap = new Map();
  const set = (key: string, ...values: string[]) => args.set(key, values);
  set('-name', input.vmName);
  set(
    '-machine',
    input.accelerator === 'none'
      ? `type=${input.machineType}`
      : `type=${input.machineType},accel=${input.accelerator}`,
  );
  set('-netdev', netdevArg(input));
  const { devices, drives } = deviceAndDriveArgs(input);
  args.set('-device', devices);
  args.set('-drive', drives);
  if (input.bootDevice) set('-boot', input.bootDevice);
  if (input.vnc)
    set('-vnc', `${input.vnc.bind}:${input.vnc.display}${input.vnc.password ? ',password=on' : ''}`);
  set('-m', `${input.memoryMiB}M`);
  const smp = smpArg(input.cpus, input.topology);
  if (smp) set('-smp', smp);
  if (input.cpuModel) set('-cpu', input.cpuModel);
  if (input.vga) set('-vga', input.vga);
  if (input.firmware && !input.firmware.pflash) set('-bios', input.firmware.path);
  if (input.tpm) {
    set('-chardev', `socket,id=vtpm,path=${input.tpm.socket}`);
    set('-tpmdev', 'emulator,id=tpm0,chardev=vtpm');
  }
  if (input.display) set('-display', input.display);
  if (input.serialLog) set('-serial', `file:${input.serialLog}`);
  if (input.userQmpSocket) set('-qmp', `unix:${input.userQmpSocket},server,nowait`);
  return args;
}

/**
 * Packer 1.6.6: `cpus=N,sockets=N` above one CPU. With a topology (the QEMU plugin's sockets/cores/threads), the
 * plugin's rule: the CPU count is capped by (and defaults to) sockets × cores × threads of the terms given.
 */
export function smpArg(cpus: number, topology: QemuArgsInput['topology']): string | undefined {
  const { sockets, cores, threads } = topology;
  if (sockets === 0 && cores === 0 && threads === 0) {
    return cpus > 1 ? `cpus=${cpus},sockets=${cpus}` : undefined;
  }
  const max = [sockets, cores, threads].filter((n) => n > 0).reduce((a, b) => a * b, 1);
  const count = Math.min(cpus > 1 ? cpus : max, max);
  return [
    `${count}`,
    ...(sockets > 0 ? [`sockets=${sockets}`] : []),
    ...(cores > 0 ? [`cores=${cores}`] : []),
    ...(threads > 0 ? [`threads=${threads}`] : []),
  ].join(',');
}

function netdevArg(input: QemuArgsInput): string {
  // Kiln binds the forward to loopback; Packer's `tcp::port` listens on every interface.
  if (input.sshHostPort === undefined) return 'user,id=user.0';
  return `user,id=user.0,hostfwd=tcp:127.0.0.1:${input.sshHostPort}-:${input.sshGuestPort}`;
}

function deviceAndDriveArgs(input: QemuArgsInput): { devices: string[]; drives: string[] } {
  const devices: string[] = [];
  const drives: string[] = [];
  input.disks.forEach((path, i) => {
    let drive = `file=${path},if=${input.diskInterface},cache=${input.diskCache},discard=${input.diskDiscard},format=${input.format}`;
    if (input.diskInterface === 'virtio-scsi') {
      if (i === 0) devices.push('virtio-scsi-pci,id=scsi0');
      devices.push(`scsi-hd,bus=scsi0.0,drive=drive${i}`);
      drive = `if=none,file=${path},id=drive${i},cache=${input.diskCache},discard=${input.diskDiscard},format=${input.format}`;
    }
    if (input.diskDetectZeroes !== 'off') drive += `,detect-zeroes=${input.diskDetectZeroes}`;
    drives.push(drive);
  });
  devices.push(`${input.netDevice},netdev=user.0`);
  input.cdroms.forEach((path, i) => {
    const iface = input.cdromInterface;
    if (!iface) drives.push(`file=${path},index=${i},media=cdrom`);
    else if (iface === 'virtio-scsi') {
      drives.push(`file=${path},if=none,index=${i},id=cdrom${i},media=cdrom`);
      devices.push('virtio-scsi-device', `scsi-cd,drive=cdrom${i}`);
    } else drives.push(`file=${path},if=${iface},index=${i},id=cdrom${i},media=cdrom`);
  });
  if (input.floppy) drives.push(`file=${input.floppy},if=floppy,format=raw`);
  if (input.firmware?.pflash) drives.push(`file=${input.firmware.path},if=pflash,format=raw,readonly=on`);
  if (input.efi) {
    drives.push(`file=${input.efi.code},if=pflash,unit=0,format=raw,readonly=on`);
    drives.push(`file=${input.efi.vars},if=pflash,unit=1,format=raw`);
  }
  if (input.tpm) devices.push(`${input.tpm.device},tpmdev=tpm0`);
  return { devices, drives };
}

function flatten(args: ArgMap): string[] {
  const out: string[] = [];
  for (const [key, values] of args) {
    if (values.length === 0) out.push(key);
    for (const value of values) out.push(key, value);
  }
  return out;
}

function monitorArgs(socket: string): string[] {
  return [
    '-chardev',
    `socket,id=kiln-qmp,path=${socket},server=on,wait=off`,
    '-mon',
    'chardev=kiln-qmp,mode=control',
  ];
}
