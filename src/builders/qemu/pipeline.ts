// The QEMU build, step by step: reading this list is reading the build (Packer's builder/qemu/builder.go).
import type { Step } from '../../core/runner.js';
import type { QemuBuildContext } from './build-context.js';
import { acquireIso } from './steps/acquire-iso.js';
import { chooseAccelerator } from './steps/choose-accelerator.js';
import { clearAuthorizedKeys } from './steps/clear-authorized-keys.js';
import { compactDisk } from './steps/compact-disk.js';
import { connectSsh } from './steps/connect-ssh.js';
import { copyDiskImage } from './steps/copy-disk-image.js';
import { createDisk } from './steps/create-disk.js';
import { createWorkDir } from './steps/create-work-dir.js';
import { generateSshKey } from './steps/generate-ssh-key.js';
import { prepareOutputDir } from './steps/prepare-output-dir.js';
import { provision } from './steps/provision.js';
import { renameArtifacts } from './steps/rename-artifacts.js';
import { shutdownVm } from './steps/shutdown-vm.js';
import { startHttpServer } from './steps/start-http-server.js';
import { startVm } from './steps/start-vm.js';
import { typeBootCommand } from './steps/type-boot-command.js';

export function qemuSteps(ctx: QemuBuildContext): Step<QemuBuildContext>[] {
  const { config } = ctx;
  const ssh = config.communicator !== 'none';
  return [
    prepareOutputDir(),
    acquireIso(),
    createWorkDir(),
    config.diskImage ? copyDiskImage() : createDisk(),
    ssh ? generateSshKey() : null,
    startHttpServer(),
    chooseAccelerator(),
    startVm(),
    typeBootCommand(),
    ssh ? connectSsh() : null,
    ssh ? provision() : null,
    ssh ? clearAuthorizedKeys() : null,
    shutdownVm(),
    config.skipCompaction || config.format === 'raw' ? null : compactDisk(),
    renameArtifacts(),
  ].filter((step): step is Step<QemuBuildContext> => step !== null);
}
