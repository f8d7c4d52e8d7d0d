// The vagrant-libvirt box (Packer's libvirt provider): the qcow2 disk as box.img, metadata with its format and
// virtual size in whole GiB rounded up, and a Vagrantfile naming the libvirt driver the build used.

import { KilnError } from '../../core/errors.js';
import { imageInfo } from '../../disk/qemu-img.js';
import { type BoxContents, mainDisk, type ProviderProcess } from './box-contents.js';

const GIB = 1024 ** 3;

/** Packer: tcg/none/hvf → "qemu", kvm → "kvm"; Kiln adds the default (kvm) when the input does not say. */
export function libvirtDriver(accelerator: string | undefined): string {
  switch (accelerator) {
    case undefined:
    case 'kvm':
      return 'kvm';
    case 'none':
    case 'tcg':
    case 'hvf':
      return 'qemu';
    default:
      throw new KilnError(`vagrant: Unknown libvirt domain type: ${accelerator}`, { code: 'post-processor' });
  }
}

export function libvirtVagrantfile(driver: string): string {
  return `
Vagrant.configure("2") do |config|
  config.vm.provider :libvirt do |libvirt|
    libvirt.driver = "${driver}"
  end
end
`;
}

export const libvirtBox: ProviderProcess = async (input, ctx): Promise<BoxContents> => {
  const disk = mainDisk(input, 'libvirt');
  const info = await imageInfo(disk, {
    signal: ctx.signal,
    log: ctx.log.scoped('qemu-img'),
    ...(input.diskFormat ? { format: input.diskFormat } : {}),
  });
  if (info.format !== 'qcow2') {
    throw new KilnError(`vagrant: ${disk} is ${info.format}; vagrant-libvirt boxes hold a qcow2 disk`, {
      code: 'post-processor',
      hint: 'build with "format": "qcow2" (the QEMU builder default), or convert to qcow2 first',
    });
  }
  ctx.ui.message(`Copying from artifact: ${disk}`);
  return {
    files: [{ name: 'box.img', path: disk }],
    vagrantfile: libvirtVagrantfile(libvirtDriver(input.accelerator)),
    metadata: { provider: 'libvirt', format: 'qcow2', virtual_size: Math.ceil(info.virtualSize / GIB) },
  };
};
