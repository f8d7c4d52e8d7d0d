// What every QEMU build step sees: the resolved config, the UI, and typed state that earlier steps produce.
import type { SshCommunicator } from '../../communicators/ssh-communicator.js';
import { KilnError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import type { RunningHttpServer } from '../../http/index.js';
import type { RunnableProvisioner, WaitForEnter } from '../../plugins/plugin.js';
import type { QemuConfig } from './config/qemu-config.js';
import type { QmpClient } from './qmp.js';
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
  /** For the breakpoint provisioner; undefined when stdin is not a terminal. */
  readonly waitForEnter: WaitForEnter | undefined;
  readonly state: QemuBuildState;
}

/** Each field names, in its comment, the one step that writes it. */
export interface QemuBuildState {
  /** prepare-output-dir */
  outputDir?: string;
  /** acquire-iso */
  isoPath?: string;
  /** create-work-dir: a private temp dir for sockets and the serial log */
  workDir?: string;
  /** create-disk: the disk while the build runs (a partial name until the build completes) */
  diskPath?: string;
  /** create-disk: the artifact names the disks get when the build completes */
  finalDiskPaths?: string[];
  /** create-disk: extra disks from disk_additional_size */
  additionalDiskPaths?: string[];
  /** start-http-server */
  http?: RunningHttpServer;
  /** choose-accelerator */
  accelerator?: string;
  /** start-vm */
  sshHostPort?: number;
  /** start-vm */
  vncPort?: number;
  /** start-vm: set with vnc_use_password */
  vncPassword?: string;
  /** start-vm */
  vm?: VmProcess;
  /** start-vm */
  qmp?: QmpClient;
  /** start-vm */
  monitor?: VmMonitor;
  /** connect-ssh */
  communicator?: SshCommunicator;
  /** the artifact's files, set when the build completes (rename-artifacts) */
  artifactFiles?: string[];
}

const PRODUCERS: Record<keyof QemuBuildState, string> = {
  outputDir: 'prepare-output-dir',
  isoPath: 'acquire-iso',
  workDir: 'create-work-dir',
  diskPath: 'create-disk',
  finalDiskPaths: 'create-disk',
  additionalDiskPaths: 'create-disk',
  http: 'start-http-server',
  accelerator: 'choose-accelerator',
  sshHostPort: 'start-vm',
  vncPort: 'start-vm',
  vncPassword: 'start-vm',
  vm: 'start-vm',
  qmp: 'start-vm',
  monitor: 'start-vm',
  communicator: 'connect-ssh',
  artifactFiles: 'rename-artifacts',
};

/** Reads a value an earlier step must have produced; a missing one is a bug in the pipeline, said plainly. */
export function need<K extends keyof QemuBuildState>(
  state: QemuBuildState,
  key: K,
): NonNullable<QemuBuildState[K]> {
  const value = state[key];
  if (value === undefined || value === null) {
    throw new KilnError(`internal error: '${key}' is read before step '${PRODUCERS[key]}' produced it`, {
      code: 'internal',
    });
  }
  return value as NonNullable<QemuBuildState[K]>;
}
