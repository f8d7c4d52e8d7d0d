// An OVF 1.0 descriptor for one disk that VirtualBox imports: the DMTF sections plus a vbox:Machine (which
// VirtualBox builds the VM from, and which carries adapter 0's MAC that Vagrant's base_mac must match).
// Kept free of Vagrant specifics so the OVA writer can share it.

export interface OvfMachine {
  /** The VM's name (VirtualSystem id). */
  readonly name: string;
  /** The disk's file name inside the package (a streamOptimized VMDK). */
  readonly diskFile: string;
  /** The disk's virtual size in bytes. */
  readonly capacityBytes: number;
  readonly cpus: number;
  readonly memoryMiB: number;
  /** 12 hex digits, no colons. */
  readonly macAddress: string;
  readonly diskUuid: string;
  readonly machineUuid: string;
  /** 'efi' adds VirtualBox's EFI firmware hint; imports default to BIOS. */
  readonly firmware: 'bios' | 'efi';
}

const VMDK_STREAM = 'http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized';
const CIM = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** rasd children in alphabetical order (VMware requires it); every Item has a Caption (ovftool drops others). */
function item(fields: Readonly<Record<string, string | number>>): string {
  const lines = Object.keys(fields)
    .sort()
    .map((key) => `        <rasd:${key}>${escapeXml(String(fields[key]))}</rasd:${key}>`);
  return ['      <Item>', ...lines, '      </Item>'].join('\n');
}

export function virtualBoxOvf(m: OvfMachine): string {
  const name = escapeXml(m.name);
  const items = [
    item({
      Caption: `${m.cpus} virtual CPU`,
      Description: 'Number of virtual CPUs',
      ElementName: `${m.cpus} virtual CPU`,
      InstanceID: 1,
      ResourceType: 3,
      VirtualQuantity: m.cpus,
    }),
    item({
      AllocationUnits: 'MegaBytes',
      Caption: `${m.memoryMiB} MB of memory`,
      Description: 'Memory Size',
      ElementName: `${m.memoryMiB} MB of memory`,
      InstanceID: 2,
      ResourceType: 4,
      VirtualQuantity: m.memoryMiB,
    }),
    item({
      Address: 0,
      Caption: 'sataController0',
      Description: 'SATA Controller',
      ElementName: 'sataController0',
      InstanceID: 3,
      ResourceSubType: 'AHCI',
      ResourceType: 20,
    }),
    item({
      AddressOnParent: 0,
      Caption: 'disk1',
      Description: 'Disk Image',
      ElementName: 'disk1',
      HostResource: '/disk/vmdisk1',
      InstanceID: 4,
      Parent: 3,
      ResourceType: 17,
    }),
    item({
      AutomaticAllocation: 'true',
      Caption: "Ethernet adapter on 'NAT'",
      Connection: 'NAT',
      ElementName: "Ethernet adapter on 'NAT'",
      InstanceID: 5,
      ResourceSubType: 'E1000',
      ResourceType: 10,
    }),
  ];
  const firmware = m.firmware === 'efi' ? '\n        <Firmware type="EFI"/>' : '';
  return `<?xml version="1.0"?>
<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="${CIM}/CIM_ResourceAllocationSettingData" xmlns:vssd="${CIM}/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vbox="http://www.virtualbox.org/ovf/machine">
  <References>
    <File ovf:id="file1" ovf:href="${escapeXml(m.diskFile)}"/>
  </References>
  <DiskSection>
    <Info>List of the virtual disks used in the package</Info>
    <Disk ovf:capacity="${m.capacityBytes}" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="${VMDK_STREAM}" vbox:uuid="${m.diskUuid}"/>
  </DiskSection>
  <NetworkSection>
    <Info>Logical networks used in the package</Info>
    <Network ovf:name="NAT">
      <Description>Logical network used by this appliance.</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="${name}">
    <Info>A virtual machine</Info>
    <OperatingSystemSection ovf:id="101">
      <Info>The kind of installed guest operating system</Info>
      <Description>Linux_64</Description>
      <vbox:OSType ovf:required="false">Linux_64</vbox:OSType>
    </OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements for a virtual machine</Info>
      <System>
        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
        <vssd:InstanceID>0</vssd:InstanceID>
        <vssd:VirtualSystemIdentifier>${name}</vssd:VirtualSystemIdentifier>
        <vssd:VirtualSystemType>virtualbox-2.2</vssd:VirtualSystemType>
      </System>
${items.join('\n')}
    </VirtualHardwareSection>
    <vbox:Machine ovf:required="false" version="1.16-linux" uuid="{${m.machineUuid}}" name="${name}" OSType="Linux_64" snapshotFolder="Snapshots">
      <ovf:Info>Complete VirtualBox machine configuration in VirtualBox format</ovf:Info>
      <Hardware>
        <CPU count="${m.cpus}"/>
        <Memory RAMSize="${m.memoryMiB}"/>${firmware}
        <Network>
          <Adapter slot="0" enabled="true" MACAddress="${m.macAddress}" type="82540EM">
            <NAT/>
          </Adapter>
        </Network>
      </Hardware>
      <StorageControllers>
        <StorageController name="SATA" type="AHCI" PortCount="1" useHostIOCache="false" Bootable="true">
          <AttachedDevice type="HardDisk" hotpluggable="false" port="0" device="0">
            <Image uuid="{${m.diskUuid}}"/>
          </AttachedDevice>
        </StorageController>
      </StorageControllers>
    </vbox:Machine>
  </VirtualSystem>
</Envelope>
`;
}
