// Boots a built image again (read-only, -snapshot) and logs in over SSH: proof the image works on its own.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OVMF_CODE, OVMF_VARS } from '../../../src/builders/qemu/devices/efi-firmware.js';
import type { SshCommunicator } from '../../../src/communicators/ssh-communicator.js';
import { waitForSsh } from '../../../src/communicators/wait-for-ssh.js';
import { findFreePort } from '../../../src/net/ports.js';
import { startTestVm } from './test-vm.js';

export interface BootedImage {
  /** Runs a command; the limit is 60 s unless `timeoutMs` says otherwise. */
  run(command: string, timeoutMs?: number): Promise<{ exitCode: number | null; stdout: string }>;
  stop(): Promise<void>;
}

export interface BootOptions {
  username?: string;
  /**
   * Boot under OVMF with a fresh copy of its empty variable store: no NVRAM boot entry, so the disk must boot
   * from the removable-media path EFI/BOOT/BOOTX64.EFI, as an image shipped without its efivars.fd does.
   */
  uefi?: boolean;
}

export async function bootImage(
  image: string,
  format: string,
  password: string,
  { username = 'root', uefi = false }: BootOptions = {},
): Promise<BootedImage> {
  const port = await findFreePort('127.0.0.1', { min: 20000, max: 30000 });
  const varsDir = uefi ? await mkdtemp(join(tmpdir(), 'kiln-boot-efivars-')) : undefined;
  const firmware = varsDir ? await ovmfArgs(varsDir) : [];
  const vm = startTestVm(
    [
      ...firmware,
      '-snapshot',
      '-drive',
      `file=${image},if=virtio,format=${format}`,
      '-netdev',
      `user,id=n0,hostfwd=tcp:127.0.0.1:${port}-:22`,
      '-device',
      'virtio-net,netdev=n0',
    ],
    uefi ? 'q35' : 'pc',
  );
  const cleanup = async () => {
    await vm.stop();
    if (varsDir) await rm(varsDir, { recursive: true, force: true });
  };
  // OVMF's own start takes about a minute longer than SeaBIOS under TCG.
  const sshWaitMs = uefi ? 300_000 : 180_000;
  let ssh: SshCommunicator | undefined;
  try {
    ssh = await waitForSsh({
      host: '127.0.0.1',
      port,
      username,
      password,
      timeoutMs: sshWaitMs,
      handshakeAttempts: 10,
      signal: AbortSignal.timeout(sshWaitMs + 20_000),
      isAlive: () => (vm.hasExited() ? 'QEMU exited' : undefined),
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const connection = ssh;
  return {
    async run(command, timeoutMs = 60_000) {
      let stdout = '';
      const result = await connection.run(command, {
        signal: AbortSignal.timeout(timeoutMs),
        onStdout: (c) => (stdout += c),
      });
      return { exitCode: result.exitCode, stdout };
    },
    async stop() {
      await connection.close();
      await cleanup();
    },
  };
}

async function ovmfArgs(dir: string): Promise<string[]> {
  const vars = join(dir, 'efivars.fd');
  await copyFile(OVMF_VARS, vars);
  return [
    ...['-drive', `if=pflash,format=raw,unit=0,readonly=on,file=${OVMF_CODE}`],
    ...['-drive', `if=pflash,format=raw,unit=1,file=${vars}`],
  ];
}
