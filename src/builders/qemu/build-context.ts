// What every QEMU build step sees: the resolved config, the UI, and typed state that earlier steps produce.
import type { SshCommunicator } from '../../communicators/ssh-communicator.js';
import type { BuildLog } from '../../core/debug-log.js';
import { KilnError } from '../../core/errors.js';
import type { Redactor } from '../../core/redact.js';
import type { Ui } from '../../core/ui.js';
import type { RunningHttpServer } from '../../http/index.js';
import type { BuildConsole } from '../../live-console/index.js';
import type { DiagnosticFile } from '../../plugins/diagnostics.js';
import type { RunnableProvisioner, WaitForEnter } from '../../plugins/plugin.js';
import type { QemuConfig } from './config/qemu-config.js';
import type { RunningTpm } from './devices/swtpm.js';
import type { QemuDriver } from './driver.js';
import type { QmpConnection } from './qmp.js';
import type { RunRecord } from './run-record.js';
import type { SnapshotPlan } from './snapshot/plan.js';
import type { VmMonitor } from './vm-monitor.js';
import type { VmProcess } from './vm-process.js';

export interface BuildInfo {
  /** Build name: the builder's `name`, else its type. */
  name: string;
  type: string;
}

/** Renders a runtime template string (boot_command, qemuargs, execute_command) with extra data. */
export type RuntimeRender = (
  text: string,
  data: Readonly<Record<string, string | number>>,
  key: string,
) => string;

export interface QemuBuildContext {
  readonly config: QemuConfig;
  readonly provisioners: readonly RunnableProvisioner[];
  /** `error-cleanup-provisioner`: runs only when a provisioner fails. */
  readonly errorCleanupProvisioner: RunnableProvisioner | undefined;
  readonly build: BuildInfo;
  readonly ui: Ui;
  readonly render: RuntimeRender;
  /** The template's user variables, for `.hbs` files served to the installer. */
  readonly variables: Readonly<Record<string, string>>;
  /** -on-error other than cleanup: QEMU must be able to outlive Kiln. */
  readonly detachVm: boolean;
  /** -force: an existing output directory is replaced. */
  readonly force: boolean;
  readonly cacheDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** -cache: where snapshots live and how much room they get; undefined without -cache. */
  readonly snapshotCache?: SnapshotCacheSettings | undefined;
  /** The only way steps reach qemu-system, qemu-img and the accelerator probe. */
  readonly driver: QemuDriver;
  /** One per `kiln build` run (Packer's PACKER_RUN_UUID): `{{ build "PackerRunUUID" }}`. */
  readonly runUuid: string;
  /** -debug: pauses for a key press (type-boot-command pauses after each boot step, as the plugin does). */
  readonly pauseAfterStep: ((label: string) => Promise<void>) | undefined;
  /** For the breakpoint provisioner; undefined when stdin is not a terminal. */
  readonly waitForEnter: WaitForEnter | undefined;
  /** The build's debug log: the driver, QMP, VNC typing, SSH and the HTTP server write to it. */
  readonly log: BuildLog;
  /** Sensitive values to `<sensitive>` in the files the build saves for diagnosis. */
  readonly redact: Redactor;
  /** -diagnostics DIR; undefined: the output directory's parent. */
  readonly diagnosticsDir: string | undefined;
  /** -console: the page that shows the VM's screen (show-screen) and may take the keyboard over. */
  readonly liveConsole: BuildConsole | undefined;
  readonly state: QemuBuildState;
}

export interface SnapshotCacheSettings {
  /** <cache dir>/snapshots */
  readonly root: string;
  /** KILN_CACHE_MAX */
  readonly maxBytes: number;
  /** For `kiln cache ls`: the template file. */
  readonly template: string;
  /** The user variables rendered at a fixed time (what `.hbs` installer files are keyed with). */
  readonly variables: Readonly<Record<string, string>>;
}

export interface BuildSshKey {
  /** authorized_keys line: `{{ .SSHPublicKey }}` */
  publicKey: string;
  /** Set for a generated key only (a key file is read by the communicator itself). */
  privateKey?: string;
}

/** Each field names, in its comment, the step(s) that write it (PRODUCERS below says the same for errors). */
export interface QemuBuildState {
  /** prepare-output-dir */
  outputDir?: string;
  /** prepare-output-dir: this build's run record in the output directory (run-record.ts) */
  runRecord?: RunRecord;
  /** acquire-iso */
  isoPath?: string;
  /** acquire-iso: the verified checksum (`sha256:…`); unset with iso_checksum none or iso_skip_cache */
  isoChecksum?: string;
  /** plan-snapshots (-cache): the snapshot keys of this build and the snapshot it resumes from */
  snapshots?: SnapshotPlan;
  /** create-work-dir: a private temp dir for sockets and the serial log */
  workDir?: string;
  /** create-disk or copy-disk-image: the disk while the build runs (a partial name until the build completes) */
  diskPath?: string;
  /** create-disk or copy-disk-image: the artifact names the disks get when the build completes */
  finalDiskPaths?: string[];
  /** create-disk or copy-disk-image: extra disks from disk_additional_size */
  additionalDiskPaths?: string[];
  /** generate-ssh-key: the temporary key pair, or the public half of ssh_private_key_file */
  sshKey?: BuildSshKey;
  /** create-cd: the cd_files/cd_content image, attached as a second CD-ROM */
  cdPath?: string;
  /** create-floppy: the floppy_files/dirs/content image */
  floppyPath?: string;
  /** prepare-efivars: the build's UEFI variable store (a partial name until the build completes) */
  efivarsPath?: string;
  /** start-http-server */
  http?: RunningHttpServer;
  /** choose-accelerator */
  accelerator?: string;
  /** start-tpm: the build's swtpm */
  tpm?: RunningTpm;
  /** start-vm; unset without a communicator */
  sshHostPort?: number;
  /** start-vm; unset with disable_vnc */
  vncPort?: number;
  /** start-vm: set with vnc_use_password */
  vncPassword?: string;
  /** start-vm */
  vm?: VmProcess;
  /** start-vm */
  qmp?: QmpConnection;
  /** start-vm */
  monitor?: VmMonitor;
  /** connect-ssh */
  communicator?: SshCommunicator;
  /** the artifact's files, set when the build completes (rename-artifacts) */
  artifactFiles?: string[];
  /** start-vm's cleanup after a failure: the screenshot and serial log saved, and the name they share */
  diagnostics?: SavedDiagnostics;
}

export interface SavedDiagnostics {
  /** The path every file of this failure starts with (`…/kiln-failure-<build>-<time>`). */
  readonly base: string;
  readonly files: DiagnosticFile[];
}

/** The steps that can write each field (one of them runs in a given build: e.g. create-disk or copy-disk-image). */
const PRODUCERS: Record<keyof QemuBuildState, readonly string[]> = {
  outputDir: ['prepare-output-dir'],
  runRecord: ['prepare-output-dir'],
  isoPath: ['acquire-iso'],
  isoChecksum: ['acquire-iso'],
  snapshots: ['plan-snapshots'],
  workDir: ['create-work-dir'],
  diskPath: ['create-disk', 'copy-disk-image'],
  finalDiskPaths: ['create-disk', 'copy-disk-image'],
  additionalDiskPaths: ['create-disk', 'copy-disk-image'],
  sshKey: ['generate-ssh-key'],
  cdPath: ['create-cd'],
  floppyPath: ['create-floppy'],
  efivarsPath: ['prepare-efivars'],
  tpm: ['start-tpm'],
  http: ['start-http-server'],
  accelerator: ['choose-accelerator'],
  sshHostPort: ['start-vm'],
  vncPort: ['start-vm'],
  vncPassword: ['start-vm'],
  vm: ['start-vm'],
  qmp: ['start-vm'],
  monitor: ['start-vm'],
  communicator: ['connect-ssh'],
  artifactFiles: ['rename-artifacts'],
  diagnostics: ['start-vm'],
};

/** Reads a value an earlier step must have produced; a missing one is a bug in the pipeline, said plainly. */
export function need<K extends keyof QemuBuildState>(
  state: QemuBuildState,
  key: K,
): NonNullable<QemuBuildState[K]> {
  const value = state[key];
  if (value === undefined || value === null) {
    const producers = PRODUCERS[key].map((step) => `'${step}'`).join(' or ');
    throw new KilnError(`internal error: '${key}' is read before step ${producers} produced it`, {
      code: 'internal',
    });
  }
  return value as NonNullable<QemuBuildState[K]>;
}
