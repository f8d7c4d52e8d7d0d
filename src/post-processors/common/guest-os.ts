// Guest OS types an OVA can declare: the CIM id every OVF reader needs, VirtualBox's OSType and VMware's
// guest id. `guest_os_type` takes either the VirtualBox name (as Packer's virtualbox builders do) or the
// VMware guest id (as its vsphere builders do).

export interface GuestOs {
  /** CIM_OperatingSystem id: VirtualBox refuses a missing or non-numeric one. */
  readonly cimId: number;
  readonly virtualBox: string;
  readonly vmware: string;
  readonly description: string;
}

/** What an image declares when nobody says more: any 64-bit Linux. */
export const LINUX_64: GuestOs = {
  cimId: 101,
  virtualBox: 'Linux_64',
  vmware: 'otherLinux64Guest',
  description: 'Other Linux (64-bit)',
};

export const GUEST_OS_TYPES: readonly GuestOs[] = [
  LINUX_64,
  {
    cimId: 101,
    virtualBox: 'Linux26_64',
    vmware: 'other26xLinux64Guest',
    description: 'Linux 2.6+ (64-bit)',
  },
  { cimId: 96, virtualBox: 'Debian_64', vmware: 'debian10_64Guest', description: 'Debian (64-bit)' },
  { cimId: 96, virtualBox: 'Debian11_64', vmware: 'debian11_64Guest', description: 'Debian 11 (64-bit)' },
  { cimId: 96, virtualBox: 'Debian12_64', vmware: 'debian12_64Guest', description: 'Debian 12 (64-bit)' },
  { cimId: 94, virtualBox: 'Ubuntu_64', vmware: 'ubuntu64Guest', description: 'Ubuntu (64-bit)' },
  { cimId: 80, virtualBox: 'RedHat_64', vmware: 'rhel7_64Guest', description: 'Red Hat (64-bit)' },
  { cimId: 80, virtualBox: 'RedHat8_64', vmware: 'rhel8_64Guest', description: 'Red Hat 8 (64-bit)' },
  { cimId: 80, virtualBox: 'RedHat9_64', vmware: 'rhel9_64Guest', description: 'Red Hat 9 (64-bit)' },
  { cimId: 109, virtualBox: 'Oracle_64', vmware: 'oracleLinux64Guest', description: 'Oracle Linux (64-bit)' },
  { cimId: 101, virtualBox: 'Fedora_64', vmware: 'fedora64Guest', description: 'Fedora (64-bit)' },
  { cimId: 101, virtualBox: 'ArchLinux_64', vmware: 'otherLinux64Guest', description: 'Arch Linux (64-bit)' },
  { cimId: 102, virtualBox: 'Other_64', vmware: 'otherGuest64', description: 'Other (64-bit)' },
];

/** Finds a type by its VirtualBox name or VMware guest id (case-insensitive). */
export function findGuestOs(name: string): GuestOs | undefined {
  const wanted = name.toLowerCase();
  return GUEST_OS_TYPES.find(
    (os) => os.virtualBox.toLowerCase() === wanted || os.vmware.toLowerCase() === wanted,
  );
}
