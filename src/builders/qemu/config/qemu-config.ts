// The fully-defaulted, read-only configuration of one `qemu` build (Packer 1.6.6 options + Kiln extras).

import type { SshConfig } from '../../../communicators/ssh-config.js';
import type { BootStep } from './boot-steps.js';

export type QemuAccelerator = 'auto' | 'none' | 'kvm' | 'tcg' | 'xen' | 'hax' | 'hvf' | 'whpx';
export type QemuDiskInterface = 'ide' | 'scsi' | 'virtio' | 'virtio-scsi';
export type QemuDiskCache = 'writethrough' | 'writeback' | 'none' | 'unsafe' | 'directsync';

export interface QemuImgArgs {
  readonly convert: readonly string[];
  readonly create: readonly string[];
  readonly resize: readonly string[];
}

export interface QemuConfig extends SshConfig {
  readonly type: 'qemu';
  /** Build name: the builder's `name`, or its type. */
  readonly name: string;
  // ISO
  /** Every source in order (iso_url first, or iso_urls). */
  readonly isoUrls: readonly string[];
  /** As written (`none`, hex, `sha256:…`, `file:…`); the ISO module parses it. */
  readonly isoChecksum: string;
  readonly isoTargetPath: string | undefined;
  /** Lower-cased; default `iso`. */
  readonly isoTargetExtension: string;
  /** QEMU reads the ISO over HTTP(S) itself (curl block driver); nothing is downloaded or verified. */
  readonly isoSkipCache: boolean;
  // Disk
  /** qemu-img size argument, normalised: bare numbers get `M` (e.g. `40960M`). */
  readonly diskSize: string;
  readonly diskSizeBytes: number;
  readonly diskSizeMiB: number;
  readonly diskAdditionalSize: readonly string[];
  readonly format: 'qcow2' | 'raw';
  readonly diskInterface: QemuDiskInterface;
  readonly diskCache: QemuDiskCache;
  readonly diskDiscard: 'unmap' | 'ignore';
  readonly diskDetectZeroes: 'unmap' | 'on' | 'off';
  readonly skipCompaction: boolean;
  readonly diskCompression: boolean;
  readonly diskImage: boolean;
  readonly useBackingFile: boolean;
  readonly skipResizeDisk: boolean;
  readonly qemuImgArgs: QemuImgArgs;
  // Machine
  /** `auto` = kvm when /dev/kvm opens, else tcg (decided at run time). */
  readonly accelerator: QemuAccelerator;
  readonly machineType: string;
  /** MiB. */
  readonly memory: number;
  readonly cpus: number;
  readonly qemuBinary: string;
  /** Kept unrendered: each string is rendered at run time ({{ .HTTPIP }}, {{ .Name }}, …). */
  readonly qemuargs: readonly (readonly string[])[];
  readonly qmpEnable: boolean;
  /** Default `<output_directory>/<vm_name>.monitor` when QMP is enabled (qmp_enable or vnc_use_password). */
  readonly qmpSocketPath: string | undefined;
  // Display / VNC
  /** Kiln runs headless anyway when there is no display; the value is kept as written. */
  readonly headless: boolean;
  readonly display: string | undefined;
  readonly useDefaultDisplay: boolean;
  readonly vncBindAddress: string;
  readonly vncPortMin: number;
  readonly vncPortMax: number;
  readonly vncUsePassword: boolean;
  /** Kiln extra (later plugin option): fixed VNC password, at most 8 characters. */
  readonly vncPassword: string | undefined;
  readonly disableVnc: boolean;
  // Network
  readonly netDevice: string;
  readonly hostPortMin: number;
  readonly hostPortMax: number;
  readonly skipNatMapping: boolean;
  // CD-ROM, extra CD and floppy (globs expanded when the build runs)
  /** Unset: a plain `-drive …,media=cdrom` (IDE on `pc`), as Packer. */
  readonly cdromInterface: string | undefined;
  readonly cdFiles: readonly string[];
  /** Path on the CD → content; wins over a cd_files file of the same path. */
  readonly cdContent: Readonly<Record<string, string>>;
  /** Default `packer`, as Packer. */
  readonly cdLabel: string;
  readonly floppyFiles: readonly string[];
  readonly floppyDirs: readonly string[];
  readonly floppyContent: Readonly<Record<string, string>>;
  /** Default `packer`, as Packer. */
  readonly floppyLabel: string;
  // Firmware and devices (the QEMU plugin's later options)
  /** UEFI boot: OVMF code + a private copy of its variables, kept as the artifact's efivars.fd. */
  readonly efi: { readonly code: string; readonly vars: string; readonly dropEfivars: boolean } | undefined;
  /** A BIOS file (`firmware`), as -bios or with use_pflash as a read-only pflash drive. */
  readonly firmware: { readonly path: string; readonly pflash: boolean } | undefined;
  /** vtpm: a swtpm per build; TPM 2.0 unless use_tpm1. */
  readonly tpm: { readonly tpm1: boolean; readonly device: string } | undefined;
  readonly cpuModel: string | undefined;
  /** 0 = not given. */
  readonly sockets: number;
  readonly cores: number;
  readonly threads: number;
  readonly vga: string | undefined;
  // HTTP
  readonly httpDirectory: string | undefined;
  /** Kiln extra (later SDK option): path → content served by the HTTP server. */
  readonly httpContent: Readonly<Record<string, string>> | undefined;
  readonly httpPortMin: number;
  readonly httpPortMax: number;
  /** undefined: Kiln binds 127.0.0.1 (Packer's default is 0.0.0.0). */
  readonly httpBindAddress: string | undefined;
  // Boot
  /** ms; negative = no wait. */
  readonly bootWaitMs: number;
  /** boot_command (its entries joined, one step) or boot_steps; unrendered (rendered at run time). */
  readonly bootSteps: readonly BootStep[];
  /** ms; undefined when not set (then PACKER_KEY_INTERVAL or 100 ms apply at run time). */
  readonly bootKeyIntervalMs: number | undefined;
  // Shutdown / output
  /** Empty = QEMU is stopped without a guest shutdown. */
  readonly shutdownCommand: string;
  readonly shutdownTimeoutMs: number;
  /** Default `output-<name>` (relative to the working directory). */
  readonly outputDirectory: string;
  /** Default `packer-<name>`: disk file name and `-name`. */
  readonly vmName: string;
}
