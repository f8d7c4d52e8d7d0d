// The OVF 1.0 descriptor of a one-disk virtual machine, written so VirtualBox, VMware (Workstation, ESXi,
// ovftool) and virt-v2v all import it: CIM Items with their rasd children in alphabetical order (VMware needs
// it), a Caption on every Item (ovftool drops CPU and memory Items without one), the disk's capacity in bytes
// (VirtualBox ignores capacityAllocationUnits), and VMware's firmware hint. Pure. The `ova` post-processor and
// the vagrant post-processor's virtualbox provider both write it; the latter adds a vbox:Machine section (which
// VirtualBox builds the VM from, and which carries adapter 0's MAC that Vagrant's base_mac must match).
import type { GuestOs } from './guest-os.js';

export type DiskAdapter = 'sata' | 'scsi' | 'ide';
export type NetworkAdapter = 'e1000' | 'vmxnet3';
export type Firmware = 'bios' | 'efi';

export interface OvfMachine {
  readonly name: string;
  readonly os: GuestOs;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly firmware: Firmware;
  readonly diskAdapter: DiskAdapter;
  readonly networkAdapter: NetworkAdapter;
  readonly disk: {
    /** The VMDK's name inside the OVA. */
    readonly href: string;
    /** Bytes of the VMDK file. */
    readonly fileSize: number;
    /** The guest's disk size in bytes. */
    readonly capacity: number;
    /** Bytes the guest's data takes (an estimate, at most the capacity). */
    readonly populatedSize: number;
  };
  /** Adds VirtualBox's own machine description (Vagrant boxes need it for base_mac). */
  readonly virtualBox?: VirtualBoxMachine;
}

export interface VirtualBoxMachine {
  /** Adapter 0's MAC: 12 hex digits, no colons. */
  readonly macAddress: string;
  readonly diskUuid: string;
  readonly machineUuid: string;
}

/** VMware hardware version 13 (ESXi 6.5, Workstation 14): has SATA and EFI; VirtualBox ignores it. */
export const VIRTUAL_SYSTEM_TYPE = 'vmx-13';
export const NETWORK_NAME = 'NAT';
const STREAM_OPTIMIZED = 'http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized';

const CONTROLLERS: Record<DiskAdapter, { type: number; subtype: string; caption: string }> = {
  // VirtualBox reads both AHCI and vmware.sata.ahci; VMware only its own.
  sata: { type: 20, subtype: 'vmware.sata.ahci', caption: 'SATA Controller' },
  scsi: { type: 6, subtype: 'lsilogic', caption: 'SCSI Controller' },
  ide: { type: 5, subtype: 'PIIX4', caption: 'IDE Controller' },
};
const NICS: Record<NetworkAdapter, string> = { e1000: 'E1000', vmxnet3: 'VmxNet3' };
/** VirtualBox's names for the same controllers and NICs (it has no vmxnet3: virtio-net is its paravirtual NIC). */
const VBOX_CONTROLLERS: Record<DiskAdapter, { name: string; type: string }> = {
  sata: { name: 'SATA', type: 'AHCI' },
  scsi: { name: 'SCSI', type: 'LsiLogic' },
  ide: { name: 'IDE', type: 'PIIX4' },
};
const VBOX_NICS: Record<NetworkAdapter, string> = { e1000: '82540EM', vmxnet3: 'virtio' };

type Rasd = Record<string, string | number>;

export function ovfDescriptor(m: OvfMachine): string {
  const controller = CONTROLLERS[m.diskAdapter];
  const nic = NICS[m.networkAdapter];
  const items: Rasd[] = [
    {
      Caption: `${m.cpus} virtual CPU(s)`,
      Description: 'Number of Virtual CPUs',
      ElementName: `${m.cpus} virtual CPU(s)`,
      InstanceID: 1,
      ResourceType: 3,
      VirtualQuantity: m.cpus,
    },
    {
      AllocationUnits: 'byte * 2^20',
      Caption: `${m.memoryMiB}MB of memory`,
      Description: 'Memory Size',
      ElementName: `${m.memoryMiB}MB of memory`,
      InstanceID: 2,
      ResourceType: 4,
      VirtualQuantity: m.memoryMiB,
    },
    {
      Address: 0,
      Caption: controller.caption,
      Description: controller.caption,
      ElementName: `${m.diskAdapter}Controller0`,
      InstanceID: 3,
      ResourceSubType: controller.subtype,
      ResourceType: controller.type,
    },
    {
      AddressOnParent: 0,
      Caption: 'disk0',
      Description: 'Disk Image',
      ElementName: 'disk0',
      HostResource: 'ovf:/disk/vmdisk1',
      InstanceID: 4,
      Parent: 3,
      ResourceType: 17,
    },
    {
      AddressOnParent: 0,
      AutomaticAllocation: 'true',
      Caption: 'ethernet0',
      Connection: NETWORK_NAME,
      Description: `${nic} ethernet adapter on "${NETWORK_NAME}"`,
      ElementName: 'ethernet0',
      InstanceID: 5,
      ResourceSubType: nic,
      ResourceType: 10,
    },
  ];
  const firmware = `      <vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="${m.firmware}"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vbox="http://www.virtualbox.org/ovf/machine" xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
    <File ovf:id="file1" ovf:href="${xml(m.disk.href)}" ovf:size="${m.disk.fileSize}"/>
  </References>
  <DiskSection>
    <Info>List of the virtual disks used in the package</Info>
    <Disk ovf:capacity="${m.disk.capacity}" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="${STREAM_OPTIMIZED}" ovf:populatedSize="${Math.min(m.disk.populatedSize, m.disk.capacity)}"${m.virtualBox ? ` vbox:uuid="${m.virtualBox.diskUuid}"` : ''}/>
  </DiskSection>
  <NetworkSection>
    <Info>Logical networks used in the package</Info>
    <Network ovf:name="${NETWORK_NAME}">
      <Description>Logical network used by this appliance.</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="${xml(m.name)}">
    <Info>A virtual machine</Info>
    <Name>${xml(m.name)}</Name>
    <OperatingSystemSection ovf:id="${m.os.cimId}" vmw:osType="${m.os.vmware}">
      <Info>The kind of installed guest operating system</Info>
      <Description>${xml(m.os.description)}</Description>
      <vbox:OSType ovf:required="false">${m.os.virtualBox}</vbox:OSType>
    </OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements for a virtual machine</Info>
      <System>
        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
        <vssd:InstanceID>0</vssd:InstanceID>
        <vssd:VirtualSystemIdentifier>${xml(m.name)}</vssd:VirtualSystemIdentifier>
        <vssd:VirtualSystemType>${VIRTUAL_SYSTEM_TYPE}</vssd:VirtualSystemType>
      </System>
${items.map(item).join('\n')}
${firmware}
    </VirtualHardwareSection>
${m.virtualBox ? virtualBoxMachine(m, m.virtualBox) : ''}  </VirtualSystem>
</Envelope>
`;
}

function virtualBoxMachine(m: OvfMachine, vbox: VirtualBoxMachine): string {
  const controller = VBOX_CONTROLLERS[m.diskAdapter];
  const firmware = m.firmware === 'efi' ? '\n        <Firmware type="EFI"/>' : '';
  return `    <vbox:Machine ovf:required="false" version="1.16-linux" uuid="{${vbox.machineUuid}}" name="${xml(m.name)}" OSType="${m.os.virtualBox}" snapshotFolder="Snapshots">
      <ovf:Info>Complete VirtualBox machine configuration in VirtualBox format</ovf:Info>
      <Hardware>
        <CPU count="${m.cpus}"/>
        <Memory RAMSize="${m.memoryMiB}"/>${firmware}
        <Network>
          <Adapter slot="0" enabled="true" MACAddress="${vbox.macAddress}" type="${VBOX_NICS[m.networkAdapter]}">
            <NAT/>
          </Adapter>
        </Network>
      </Hardware>
      <StorageControllers>
        <StorageController name="${controller.name}" type="${controller.type}" PortCount="1" useHostIOCache="false" Bootable="true">
          <AttachedDevice type="HardDisk" hotpluggable="false" port="0" device="0">
            <Image uuid="{${vbox.diskUuid}}"/>
          </AttachedDevice>
        </StorageController>
      </StorageControllers>
    </vbox:Machine>
`;
}

/** VMware requires the rasd children sorted by name (VirtualBox bug #6612 has the story). */
function item(rasd: Rasd): string {
  const children = Object.keys(rasd)
    .sort()
    .map((key) => `        <rasd:${key}>${xml(String(rasd[key]))}</rasd:${key}>`);
  return ['      <Item>', ...children, '      </Item>'].join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
