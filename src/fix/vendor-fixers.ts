// Fixers for local-hypervisor builders Kiln does not build (VirtualBox, VMware, Parallels, Hyper-V, vSphere, …): `kiln fix` output and validate parity.

import { childPath, isJsonObject, type JsonObject } from '../json/json-value.js';
import { drop, forTypes, is, recordInPlace, rename, renameIf, retype } from './builder-edits.js';
import { show } from './fix-context.js';

export const virtualBoxGaAttach = forTypes(
  'virtualbox-gaattach',
  'Updates VirtualBox builders using "guest_additions_attach" to use "guest_additions_mode"',
  is('virtualbox'),
  (obj, path, record) => {
    const attach = obj.guest_additions_attach;
    if (typeof attach === 'boolean')
      rename(
        obj,
        path,
        'guest_additions_attach',
        'guest_additions_mode',
        attach ? 'attach' : 'upload',
        record,
      );
  },
);

export const virtualBoxRename = forTypes(
  'virtualbox-rename',
  'Updates "virtualbox" builders to "virtualbox-iso"',
  is('virtualbox'),
  retype('virtualbox-iso'),
);
export const vmwareRename = forTypes(
  'vmware-rename',
  'Updates "vmware" builders to "vmware-iso"',
  is('vmware'),
  retype('vmware-iso'),
);
export const proxmoxType = forTypes(
  'proxmox-type',
  'Updates the builder type proxmox to proxmox-iso',
  is('proxmox'),
  retype('proxmox-iso'),
);

const parallels = is('parallels-iso', 'parallels-pvm');
export const parallelsHeadless = forTypes(
  'parallels-headless',
  'Removes unused "headless" from Parallels builders',
  parallels,
  (obj, path, record) => drop(obj, path, 'headless', record),
);
export const parallelsDeprecations = forTypes(
  'parallels-deprecations',
  'Removes deprecated "parallels_tools_host_path" from Parallels builders and changes "guest_os_distribution" to "guest_os_type".',
  parallels,
  (obj, path, record) => {
    drop(obj, path, 'parallels_tools_host_path', record);
    const distribution = obj.guest_os_distribution;
    if (distribution !== undefined) {
      if ('guest_os_type' in obj) delete obj.guest_os_type;
      rename(obj, path, 'guest_os_distribution', 'guest_os_type', distribution, record);
    }
  },
);

export const scalewayAccessKey = forTypes(
  'scaleway-access-key',
  'Updates builders using "access_key" to use "organization_id"',
  is('scaleway'),
  (obj, path, record) => {
    const key = obj.access_key;
    if (typeof key !== 'string') return;
    if ('organization_id' in obj) drop(obj, path, 'access_key', record);
    else rename(obj, path, 'access_key', 'organization_id', key, record);
  },
);

export const vmwareCompaction = forTypes(
  'vmware-compaction',
  'Adds "skip_compaction = true" to "vmware-iso" builders with incompatible disk_type_id',
  is('vmware-iso'),
  (obj, path, record) => {
    if (obj.remote_type !== 'esx5') return;
    if (!('disk_type_id' in obj)) obj.disk_type_id = 'zeroedthick';
    if (obj.disk_type_id === 'thin' || obj.skip_compaction === true) return;
    obj.skip_compaction = true;
    recordInPlace(record, path, 'skip_compaction', "'skip_compaction': true", false);
  },
);

export const hypervDeprecations = forTypes(
  'hyperv-deprecations',
  'Removes the deprecated "vhd_temp_path" setting from Hyper-V ISO builder templates',
  is('hyperv-iso'),
  (obj, path, record) => drop(obj, path, 'vhd_temp_path', record),
);
export const hypervVmxcTypo = forTypes(
  'hyperv-vmxc-typo',
  'Fixes a typo replacing "clone_from_vmxc_path" with "clone_from_vmcx_path" in Hyper-V VMCX builder templates',
  is('hyperv-vmcx'),
  renameIf('clone_from_vmxc_path', 'clone_from_vmcx_path'),
);
export const hypervCpuAndRam = forTypes(
  'hyperv-cpu-and-ram',
  'Replaces "cpu" with "cpus" and "ram_size" with "memory"in Hyper-V VMCX builder templates',
  is('hyperv-vmcx', 'hyperv-iso'),
  (obj, path, record) => {
    renameIf('cpu', 'cpus')(obj, path, record);
    renameIf('ram_size', 'memory')(obj, path, record);
  },
);

export const vsphereNetworkDisk = forTypes(
  'vsphere-iso-net-disk',
  'Removes deprecated network and disk fields from "vsphere-iso" builder',
  is('vsphere-iso'),
  (obj, path, record) => {
    const group = (keys: readonly [string, string][], target: string): void => {
      const entry: JsonObject = {};
      for (const [from, to] of keys) {
        if (!(from in obj)) continue;
        entry[to] = obj[from] ?? null;
        delete obj[from];
        record({
          from: childPath(path, from),
          to: childPath(path, target),
          key: from,
          replacement: `'${target}': [{ ${show(to)}: … }]`,
          deprecated: true,
        });
      }
      if (Object.keys(entry).length === 0) return;
      const existing = obj[target];
      obj[target] = [entry, ...(Array.isArray(existing) ? existing : [])];
    };
    group(
      [
        ['network', 'network'],
        ['networkCard', 'network_card'],
        ['network_card', 'network_card'],
      ],
      'network_adapters',
    );
    group(
      [
        ['disk_size', 'disk_size'],
        ['disk_thin_provisioned', 'disk_thin_provisioned'],
        ['disk_eagerly_scrub', 'disk_eagerly_scrub'],
      ],
      'storage',
    );
  },
);

export const azureExcludeFromLatest = forTypes(
  'azure-exclude_from_latest',
  'Changes "exlude_from_latest" to "exclude_from_latest" in Azure builders.',
  (t) => t.startsWith('azure-chroot'),
  (obj, path, record) => {
    const destination = obj.shared_image_destination;
    if (!isJsonObject(destination) || !('exlude_from_latest' in destination)) return;
    rename(
      destination,
      childPath(path, 'shared_image_destination'),
      'exlude_from_latest',
      'exclude_from_latest',
      destination.exlude_from_latest ?? null,
      record,
    );
  },
);
