// The VirtualBox box (Packer's virtualbox provider): box.ovf + its disks + {"provider":"virtualbox"} + a
// Vagrantfile with base_mac. An input that has an .ovf (or .ova) is used as is, as Packer does; a QEMU disk is
// converted to a streamOptimized VMDK with qemu-img and described by a generated OVF.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ArchiveEntry } from '../../archive/entries.js';
import { KilnError } from '../../core/errors.js';
import { imageInfo, runQemuImg } from '../../disk/qemu-img.js';
import type { Artifact } from '../../plugins/artifact.js';
import { LINUX_64 } from '../common/guest-os.js';
import { ovfDescriptor } from '../common/ovf-descriptor.js';
import { type BoxContents, mainDisk, type ProviderContext, type ProviderProcess } from './box-contents.js';

/** Packer's regex for the base MAC: adapter 0's MACAddress in the vbox:Machine section. */
const BASE_MAC = /<Adapter slot="0".+?MACAddress="(.+?)"/s;

export function virtualBoxVagrantfile(mac: string): string {
  return `
Vagrant.configure("2") do |config|
  config.vm.base_mac = "${mac}"
end
`;
}

export const virtualBoxBox: ProviderProcess = async (input, ctx): Promise<BoxContents> => {
  const files = input.files.some((f) => extname(f) === '.ovf')
    ? await fromOvf(input)
    : await fromDisk(input, ctx);
  const ovf = files.find((f) => f.name === 'box.ovf');
  const text =
    ovf && 'path' in ovf
      ? await readFile(ovf.path, 'utf8')
      : ovf && 'data' in ovf
        ? Buffer.from(ovf.data).toString('utf8')
        : '';
  const mac = BASE_MAC.exec(text)?.[1];
  if (!mac) throw new KilnError("vagrant: can't find base mac address in OVF", { code: 'post-processor' });
  return { files, vagrantfile: virtualBoxVagrantfile(mac), metadata: { provider: 'virtualbox' } };
};

/** All the artifact's files, the single .ovf renamed box.ovf (Packer). */
async function fromOvf(input: Artifact): Promise<ArchiveEntry[]> {
  const ovfs = input.files.filter((f) => extname(f) === '.ovf');
  if (ovfs.length > 1) {
    throw new KilnError('vagrant: More than one OVF file in VirtualBox artifact.', {
      code: 'post-processor',
    });
  }
  return input.files.map((path) => ({ name: extname(path) === '.ovf' ? 'box.ovf' : basename(path), path }));
}

async function fromDisk(input: Artifact, ctx: ProviderContext): Promise<ArchiveEntry[]> {
  const disk = mainDisk(input, 'virtualbox');
  if (input.files.some((f) => extname(f) === '.ova')) {
    throw new KilnError('vagrant: unpacking an .ova input is not implemented in Kiln', {
      code: 'post-processor',
      hint: 'give the vagrant post-processor the QEMU disk (or an .ovf with its disks)',
    });
  }
  const diskFile = 'box-disk001.vmdk';
  const vmdk = join(ctx.workDir, diskFile);
  ctx.ui.message(`Converting ${disk} to a streamOptimized VMDK`);
  const formatArgs = input.diskFormat ? ['-f', input.diskFormat] : [];
  await runQemuImg(['convert', ...formatArgs, '-O', 'vmdk', '-o', 'subformat=streamOptimized', disk, vmdk], {
    signal: ctx.signal,
    log: ctx.log.scoped('qemu-img'),
  });
  const source = await imageInfo(disk, {
    signal: ctx.signal,
    log: ctx.log.scoped('qemu-img'),
    ...(input.diskFormat ? { format: input.diskFormat } : {}),
  });
  const ovf = ovfDescriptor({
    name: ctx.buildName,
    os: LINUX_64,
    cpus: 1,
    memoryMiB: 1024,
    firmware: 'bios',
    diskAdapter: 'sata',
    networkAdapter: 'e1000',
    disk: {
      href: diskFile,
      fileSize: (await stat(vmdk)).size,
      capacity: source.virtualSize,
      populatedSize: source.actualSize,
    },
    virtualBox: {
      // 08:00:27 is VirtualBox's own OUI, as its generated MACs use.
      macAddress: `080027${randomBytes(3).toString('hex').toUpperCase()}`,
      diskUuid: randomUUID(),
      machineUuid: randomUUID(),
    },
  });
  return [
    { name: 'box.ovf', data: Buffer.from(ovf, 'utf8') },
    { name: diskFile, path: vmdk },
  ];
}
