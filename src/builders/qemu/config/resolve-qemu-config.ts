// Turns one `qemu` builder object into a QemuConfig: Packer 1.6.6 defaults, then every validation rule.

import { join } from 'node:path';
import { resolveSshConfig } from '../../../communicators/ssh-config.js';
import type { JsonObject, KeyPath } from '../../../json/json-value.js';
import { decodeConfig } from '../../../template/decode/decode-config.js';
import { readFields } from '../../../template/decode/field-reader.js';
import type { PluginEnv } from '../../../template/plugin-env.js';
import { resolveBootSteps } from './boot-steps.js';
import { checkOutputDirectory } from './output-directory.js';
import type { QemuAccelerator, QemuConfig, QemuDiskCache, QemuDiskInterface } from './qemu-config.js';
import {
  checkFiles,
  checkPrivateKey,
  resolveAdditionalSizes,
  resolveDiskSize,
  resolveHostPorts,
  resolveHttp,
  resolveIso,
  resolveVncPorts,
} from './qemu-config-parts.js';
import { efiBoot, resolveDevices } from './qemu-devices-config.js';
import { QEMU_SCHEMA } from './qemu-schema.js';

const ACCELERATORS = ['auto', 'none', 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx'] as const;
const INTERFACES = ['ide', 'scsi', 'virtio', 'virtio-scsi'] as const;
const CACHES = ['writethrough', 'writeback', 'none', 'unsafe', 'directsync'] as const;
const DISCARDS = ['unmap', 'ignore'] as const;
const ZEROES = ['unmap', 'on', 'off'] as const;
const FORMATS = ['qcow2', 'raw'] as const;
export function resolveQemuConfig(raw: JsonObject, name: string, base: KeyPath, env: PluginEnv): QemuConfig {
  const problems = env.problems;
  const f = readFields(decodeConfig(raw, QEMU_SCHEMA, base, env));
  const at = (key: string): KeyPath => `${base}.${key}`;
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = f.string(key) || fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.add(at(key), `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, found '${value}'`);
    return fallback;
  };

  const ssh = resolveSshConfig(f, base, problems);
  const format = oneOf('format', FORMATS, 'qcow2');
  const diskImage = f.bool('disk_image') ?? false;
  const useBackingFile = f.bool('use_backing_file') ?? false;
  if (useBackingFile && !(diskImage && format === 'qcow2')) {
    problems.add(
      at('use_backing_file'),
      'use_backing_file can only be enabled for QCOW2 images and when disk_image is true',
    );
  }
  const skipResizeDisk = f.bool('skip_resize_disk') ?? false;
  if (skipResizeDisk && !diskImage)
    problems.add(at('skip_resize_disk'), 'skip_resize_disk can only be used when disk_image is true');
  const vncUsePassword = f.bool('vnc_use_password') ?? false;
  const vncPassword = f.string('vnc_password') || undefined;
  if (vncPassword !== undefined && vncPassword.length > 8) {
    problems.add(at('vnc_password'), `VNC passwords are at most 8 characters (found ${vncPassword.length})`);
  }
  // Packer forces QMP on for vnc_use_password (it sets the password over QMP).
  const qmpEnable = (f.bool('qmp_enable') ?? false) || vncUsePassword;
  const outputDirectory = f.string('output_directory') || `output-${name}`;
  checkOutputDirectory(outputDirectory, at('output_directory'), env);
  const vmName = f.string('vm_name') || `packer-${name}`;
  const disableVnc = f.bool('disable_vnc') ?? false;
  const bootSteps = resolveBootSteps(f, at, problems, disableVnc);
  const qemuImg = f.stringListMap('qemu_img_args') ?? {};
  for (const key of Object.keys(qemuImg)) {
    if (!['convert', 'create', 'resize'].includes(key)) {
      problems.add(
        `${at('qemu_img_args')}.${key}`,
        `unknown qemu_img_args key '${key}'; expected convert, create or resize`,
      );
    }
  }

  const config: QemuConfig = {
    ...ssh,
    type: 'qemu',
    name,
    ...resolveIso(f, base, problems, env.cwd),
    ...resolveDiskSize(f, base, problems),
    diskAdditionalSize: resolveAdditionalSizes(f, base, problems),
    format,
    diskInterface: oneOf<QemuDiskInterface>('disk_interface', INTERFACES, 'virtio'),
    diskCache: oneOf<QemuDiskCache>('disk_cache', CACHES, 'writeback'),
    diskDiscard: oneOf('disk_discard', DISCARDS, 'ignore'),
    diskDetectZeroes: oneOf('disk_detect_zeroes', ZEROES, 'off'),
    // raw images and backing files are never compacted (Packer forces these).
    skipCompaction: format !== 'qcow2' || useBackingFile || (f.bool('skip_compaction') ?? false),
    diskCompression: format === 'qcow2' && (f.bool('disk_compression') ?? false),
    diskImage,
    useBackingFile,
    skipResizeDisk,
    qemuImgArgs: {
      convert: qemuImg.convert ?? [],
      create: qemuImg.create ?? [],
      resize: qemuImg.resize ?? [],
    },
    accelerator: oneOf<QemuAccelerator>('accelerator', ACCELERATORS, 'auto'),
    // Kiln: q35 under UEFI unless set (Packer keeps pc, on which Secure Boot firmware boots nothing).
    machineType: f.string('machine_type') || (efiBoot(f) ? 'q35' : 'pc'),
    memory: Math.max(f.int('memory') ?? 0, 0) < 10 ? 512 : (f.int('memory') as number),
    cpus: (f.int('cpus') ?? 0) < 1 ? 1 : (f.int('cpus') as number),
    qemuBinary: f.string('qemu_binary') || 'qemu-system-x86_64',
    qemuargs: f.stringListList('qemuargs') ?? [],
    qmpEnable,
    qmpSocketPath: qmpEnable
      ? f.string('qmp_socket_path') || join(outputDirectory, `${vmName}.monitor`)
      : undefined,
    headless: f.bool('headless') ?? false,
    display: f.string('display') || undefined,
    useDefaultDisplay: f.bool('use_default_display') ?? false,
    vncBindAddress: f.string('vnc_bind_address') || '127.0.0.1',
    ...resolveVncPorts(f, base, problems),
    vncUsePassword,
    vncPassword,
    disableVnc,
    netDevice: f.string('net_device') || 'virtio-net',
    ...resolveHostPorts(f, base, problems),
    skipNatMapping: f.bool('skip_nat_mapping') ?? false,
    cdromInterface: f.string('cdrom_interface') || undefined,
    cdFiles: checkFiles(f, 'cd_files', base, env, 'Bad CD disk file'),
    cdContent: f.stringMap('cd_content') ?? {},
    cdLabel: f.string('cd_label') || 'packer',
    floppyFiles: checkFiles(f, 'floppy_files', base, env, 'Bad Floppy disk file'),
    floppyDirs: checkFiles(f, 'floppy_dirs', base, env, 'Bad Floppy disk directory'),
    floppyContent: f.stringMap('floppy_content') ?? {},
    floppyLabel: f.string('floppy_label') || 'packer',
    ...resolveDevices(f, base, env),
    ...resolveHttp(f, base, env),
    bootWaitMs: f.duration('boot_wait') || 10_000,
    bootSteps,
    bootKeyIntervalMs: f.duration('boot_key_interval') || undefined,
    shutdownCommand: f.string('shutdown_command') ?? '',
    shutdownTimeoutMs: f.duration('shutdown_timeout') || 5 * 60_000,
    outputDirectory,
    vmName,
  };
  checkPrivateKey(config.sshPrivateKeyFile, at('ssh_private_key_file'), env);
  // Without NAT mapping Packer connects to ssh_host, defaulting it to the loopback address.
  return config.skipNatMapping && config.sshHost === undefined ? { ...config, sshHost: '127.0.0.1' } : config;
}
