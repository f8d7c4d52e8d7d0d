// Keys the `qemu` builder accepts (Packer 1.6.6), and the later-plugin keys Kiln recognises but rejects.

import { COMMUNICATOR_SCHEMA } from '../../../communicators/ssh-config.js';
import type { ConfigSchema, FieldSpec } from '../../../template/decode/decode-config.js';

const s: FieldSpec = { kind: 'string' };
const i: FieldSpec = { kind: 'int' };
const b: FieldSpec = { kind: 'bool' };
const d: FieldSpec = { kind: 'duration' };
const list: FieldSpec = { kind: 'stringList' };

const afterPacker166 =
  'it was added to the QEMU plugin after Packer 1.6.6 and Kiln does not implement it yet';

export const QEMU_SCHEMA: ConfigSchema = {
  fields: {
    ...COMMUNICATOR_SCHEMA.fields,
    iso_url: s,
    iso_urls: list,
    iso_checksum: s,
    iso_target_path: s,
    iso_target_extension: s,
    iso_skip_cache: b,
    disk_size: s,
    disk_additional_size: list,
    format: s,
    disk_interface: s,
    disk_cache: s,
    disk_discard: s,
    disk_detect_zeroes: s,
    skip_compaction: b,
    disk_compression: b,
    disk_image: b,
    use_backing_file: b,
    skip_resize_disk: b,
    qemu_img_args: { kind: 'stringListMap' },
    accelerator: s,
    machine_type: s,
    memory: i,
    cpus: i,
    qemu_binary: s,
    qemuargs: { kind: 'stringListList', raw: true },
    qmp_enable: b,
    qmp_socket_path: s,
    headless: b,
    display: s,
    use_default_display: b,
    vnc_bind_address: s,
    vnc_port_min: i,
    vnc_port_max: i,
    vnc_use_password: b,
    vnc_password: s,
    disable_vnc: b,
    net_device: s,
    host_port_min: i,
    host_port_max: i,
    skip_nat_mapping: b,
    cdrom_interface: s,
    cd_files: list,
    cd_label: s,
    cd_content: { kind: 'stringMap' },
    floppy_files: list,
    floppy_dirs: list,
    floppy_content: { kind: 'stringMap' },
    floppy_label: s,
    // Later QEMU plugin options (Packer's plugin ≥ 1.0), built in.
    efi_boot: { ...b, into: 'efi' },
    efi_firmware_code: { ...s, into: 'efi' },
    efi_firmware_vars: { ...s, into: 'efi' },
    efi_drop_efivars: { ...b, into: 'efi' },
    firmware: s,
    use_pflash: { ...b, into: 'firmware' },
    vtpm: { ...b, into: 'tpm' },
    use_tpm1: { ...b, into: 'tpm' },
    tpm_device_type: { ...s, into: 'tpm' },
    cpu_model: s,
    sockets: i,
    cores: i,
    threads: i,
    vga: s,
    http_directory: s,
    // Rendered when the server starts, so `{{ .SSHPublicKey }}` can go into a preseed or kickstart.
    http_content: { kind: 'stringMap', raw: true },
    http_port_min: i,
    http_port_max: i,
    http_bind_address: s,
    boot_wait: d,
    boot_command: { kind: 'stringList', raw: true, into: 'bootSteps' },
    boot_steps: { kind: 'stringListList', raw: true, into: 'bootSteps' },
    boot_key_interval: d,
    shutdown_command: s,
    shutdown_timeout: d,
    output_directory: s,
    vm_name: s,
  },
  unsupported: {
    ...COMMUNICATOR_SCHEMA.unsupported,
    net_bridge:
      'bridged networking is not implemented; pass the bridge yourself with qemuargs ' +
      '[["-netdev", "bridge,id=user.0,br=<bridge>"]] plus "skip_nat_mapping": true and "ssh_host": "<guest IP>"',
    run_once: 'Packer 1.6.6 never read it (a leftover option with no effect); remove it',
    boot_keygroup_interval:
      "Packer 1.6.6's QEMU (VNC) boot command never used it; use boot_key_interval, or <waitXX> between groups",
  },
  newer: {
    http_network_protocol: afterPacker166,
  },
  // Left over only when `kiln fix` cannot rewrite the value (e.g. a number where a string belongs).
  deprecated: {
    ...COMMUNICATOR_SCHEMA.deprecated,
    iso_md5: 'use \'iso_checksum\': "md5:<value>"',
    ssh_host_port_min: "use 'host_port_min'",
    ssh_host_port_max: "use 'host_port_max'",
  },
};
