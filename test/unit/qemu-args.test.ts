import { describe, expect, it } from 'vitest';
import { buildQemuArgs, type QemuArgsInput } from '../../src/builders/qemu/qemu-args.js';

const base: QemuArgsInput = {
  vmName: 'packer-qemu',
  machineType: 'pc',
  accelerator: 'tcg',
  memoryMiB: 512,
  cpus: 1,
  topology: { sockets: 0, cores: 0, threads: 0 },
  cpuModel: undefined,
  vga: undefined,
  firmware: undefined,
  efi: undefined,
  floppy: undefined,
  tpm: undefined,
  netDevice: 'virtio-net',
  sshHostPort: 2345,
  sshGuestPort: 22,
  disks: ['out/packer-qemu'],
  diskInterface: 'virtio',
  diskCache: 'writeback',
  diskDiscard: 'ignore',
  diskDetectZeroes: 'off',
  format: 'qcow2',
  cdroms: ['/iso/x.iso'],
  cdromInterface: undefined,
  bootDevice: 'once=d',
  vnc: { bind: '127.0.0.1', display: 7, password: false },
  display: 'none',
  serialLog: '/tmp/k/serial.log',
  monitorSocket: '/tmp/k/qmp.sock',
  userQmpSocket: undefined,
  qemuargs: [],
};

function values(args: string[], key: string): string[] {
  return args.flatMap((arg, i) => (arg === key ? [args[i + 1] ?? ''] : []));
}

describe('buildQemuArgs', () => {
  it('produces Packer defaults, with the SSH forward and VNC on loopback', () => {
    const args = buildQemuArgs(base);
    expect(values(args, '-machine')).toEqual(['type=pc,accel=tcg']);
    expect(values(args, '-netdev')).toEqual(['user,id=user.0,hostfwd=tcp:127.0.0.1:2345-:22']);
    expect(values(args, '-drive')).toEqual([
      'file=out/packer-qemu,if=virtio,cache=writeback,discard=ignore,format=qcow2',
      'file=/iso/x.iso,index=0,media=cdrom',
    ]);
    expect(values(args, '-device')).toEqual(['virtio-net,netdev=user.0']);
    expect(values(args, '-boot')).toEqual(['once=d']);
    expect(values(args, '-vnc')).toEqual(['127.0.0.1:7']);
    expect(values(args, '-m')).toEqual(['512M']);
    expect(args).not.toContain('-smp');
    expect(values(args, '-serial')).toEqual(['file:/tmp/k/serial.log']);
    expect(values(args, '-mon')).toEqual(['chardev=kiln-qmp,mode=control']);
  });

  it('adds -smp for more than one CPU and detect-zeroes when not off', () => {
    const args = buildQemuArgs({ ...base, cpus: 2, diskDetectZeroes: 'unmap', accelerator: 'none' });
    expect(values(args, '-smp')).toEqual(['cpus=2,sockets=2']);
    expect(values(args, '-drive')[0]).toContain(',detect-zeroes=unmap');
    expect(values(args, '-machine')).toEqual(['type=pc']);
  });

  it('lets qemuargs replace a switch wholesale, concatenating values and allowing bare switches', () => {
    const args = buildQemuArgs({
      ...base,
      qemuargs: [
        ['-m', '1024', 'M'],
        ['-no-acpi', ''],
        ['-drive', 'file=a.img,if=ide'],
      ],
    });
    expect(values(args, '-m')).toEqual(['1024M']);
    expect(args).toContain('-no-acpi');
    expect(values(args, '-drive')).toEqual(['file=a.img,if=ide']);
  });

  it('re-adds the default NIC when user -device entries omit it (Packer #6804)', () => {
    const args = buildQemuArgs({ ...base, qemuargs: [['-device', 'virtio-rng-pci']] });
    expect(values(args, '-device')).toEqual(['virtio-rng-pci', 'virtio-net,netdev=user.0']);
  });

  it("keeps Kiln's monitor even when the user overrides -qmp", () => {
    const args = buildQemuArgs({ ...base, qemuargs: [['-qmp', 'tcp:127.0.0.1:4444,server,nowait']] });
    expect(values(args, '-qmp')).toEqual(['tcp:127.0.0.1:4444,server,nowait']);
    expect(values(args, '-chardev')[0]).toContain('path=/tmp/k/qmp.sock');
  });

  it('drops the forward when there is no communicator', () => {
    expect(values(buildQemuArgs({ ...base, sshHostPort: undefined }), '-netdev')).toEqual(['user,id=user.0']);
  });

  it('passes no -vnc when VNC is disabled', () => {
    expect(values(buildQemuArgs({ ...base, vnc: undefined }), '-vnc')).toEqual([]);
  });

  it('builds virtio-scsi devices for disks and cdroms', () => {
    const args = buildQemuArgs({ ...base, diskInterface: 'virtio-scsi', cdromInterface: 'virtio-scsi' });
    expect(values(args, '-device')).toEqual([
      'virtio-scsi-pci,id=scsi0',
      'scsi-hd,bus=scsi0.0,drive=drive0',
      'virtio-net,netdev=user.0',
      'virtio-scsi-device',
      'scsi-cd,drive=cdrom0',
    ]);
  });

  it('adds the QEMU plugin devices: UEFI pflash, floppy, TPM, CPU model, VGA, BIOS file, topology', () => {
    const args = buildQemuArgs({
      ...base,
      cpus: 4,
      topology: { sockets: 1, cores: 2, threads: 0 },
      cpuModel: 'host',
      vga: 'virtio',
      efi: { code: '/fw/CODE.fd', vars: '/out/efivars.fd' },
      floppy: '/work/floppy.img',
      tpm: { socket: '/work/swtpm.sock', device: 'tpm-tis' },
      bootDevice: undefined,
    });
    expect(values(args, '-smp')).toEqual(['2,sockets=1,cores=2']);
    expect(values(args, '-cpu')).toEqual(['host']);
    expect(values(args, '-vga')).toEqual(['virtio']);
    expect(values(args, '-boot')).toEqual([]);
    expect(values(args, '-drive')).toEqual(
      expect.arrayContaining([
        'file=/work/floppy.img,if=floppy,format=raw',
        'file=/fw/CODE.fd,if=pflash,unit=0,format=raw,readonly=on',
        'file=/out/efivars.fd,if=pflash,unit=1,format=raw',
      ]),
    );
    expect(values(args, '-tpmdev')).toEqual(['emulator,id=tpm0,chardev=vtpm']);
    expect(values(args, '-device')).toContain('tpm-tis,tpmdev=tpm0');
    expect(values(args, '-chardev')).toContain('socket,id=vtpm,path=/work/swtpm.sock');
    const bios = buildQemuArgs({ ...base, firmware: { path: '/fw/bios.bin', pflash: false } });
    expect(values(bios, '-bios')).toEqual(['/fw/bios.bin']);
    const pflash = buildQemuArgs({ ...base, firmware: { path: '/fw/bios.bin', pflash: true } });
    expect(values(pflash, '-drive')).toContain('file=/fw/bios.bin,if=pflash,format=raw,readonly=on');
  });
});
