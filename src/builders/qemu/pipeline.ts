// The QEMU build, step by step: reading this list is reading the build (Packer's builder/qemu/builder.go).
import type { Step } from '../../core/runner.js';
import type { QemuBuildContext } from './build-context.js';
import type { QemuConfig } from './config/qemu-config.js';
import { acquireIso } from './steps/acquire-iso.js';
import { chooseAccelerator } from './steps/choose-accelerator.js';
import { clearAuthorizedKeys } from './steps/clear-authorized-keys.js';
import { compactDisk } from './steps/compact-disk.js';
import { connectSsh } from './steps/connect-ssh.js';
import { copyDiskImage } from './steps/copy-disk-image.js';
import { createDisk } from './steps/create-disk.js';
import { createCd, createFloppy } from './steps/create-media.js';
import { createWorkDir } from './steps/create-work-dir.js';
import { generateSshKey } from './steps/generate-ssh-key.js';
import { planSnapshots } from './steps/plan-snapshots.js';
import { prepareEfivars } from './steps/prepare-efivars.js';
import { prepareOutputDir } from './steps/prepare-output-dir.js';
import { provision } from './steps/provision.js';
import { renameArtifacts } from './steps/rename-artifacts.js';
import { showScreen } from './steps/show-screen.js';
import { shutdownVm } from './steps/shutdown-vm.js';
import { snapshotInstall } from './steps/snapshot-install.js';
import { startHttpServer } from './steps/start-http-server.js';
import { startTpm } from './steps/start-tpm.js';
import { startVm } from './steps/start-vm.js';
import { typeBootCommand } from './steps/type-boot-command.js';

export function qemuSteps(ctx: QemuBuildContext): Step<QemuBuildContext>[] {
  const { config } = ctx;
  const ssh = config.communicator !== 'none';
  return [
    prepareOutputDir(),
    acquireIso(),
    createWorkDir(),
    config.cdFiles.length > 0 || Object.keys(config.cdContent).length > 0 ? createCd() : null,
    hasFloppy(config) ? createFloppy() : null,
    config.diskImage ? copyDiskImage() : createDisk(),
    config.efi ? prepareEfivars() : null,
    ssh ? generateSshKey() : null,
    startHttpServer(),
    chooseAccelerator(),
    ctx.snapshotCache ? planSnapshots() : null,
    config.tpm ? startTpm() : null,
    startVm(),
    ctx.liveConsole ? showScreen() : null,
    typeBootCommand(),
    ssh ? connectSsh() : null,
    ssh && ctx.snapshotCache ? snapshotInstall() : null,
    ssh ? provision() : null,
    ssh ? clearAuthorizedKeys() : null,
    shutdownVm(),
    config.skipCompaction || config.format === 'raw' ? null : compactDisk(),
    renameArtifacts(),
  ].filter((step): step is Step<QemuBuildContext> => step !== null);
}

function hasFloppy(config: QemuConfig): boolean {
  const { floppyFiles, floppyDirs, floppyContent } = config;
  return floppyFiles.length > 0 || floppyDirs.length > 0 || Object.keys(floppyContent).length > 0;
}
