// Boots a built image again (read-only, -snapshot) and logs in over SSH: proof the image works on its own.

import type { SshCommunicator } from '../../../src/communicators/ssh-communicator.js';
import { waitForSsh } from '../../../src/communicators/wait-for-ssh.js';
import { findFreePort } from '../../../src/net/ports.js';
import { startTestVm } from './test-vm.js';

export interface BootedImage {
  /** Runs a command; the limit is 60 s unless `timeoutMs` says otherwise. */
  run(command: string, timeoutMs?: number): Promise<{ exitCode: number | null; stdout: string }>;
  stop(): Promise<void>;
}

export async function bootImage(
  image: string,
  format: string,
  password: string,
  username = 'root',
): Promise<BootedImage> {
  const port = await findFreePort('127.0.0.1', { min: 20000, max: 30000 });
  const vm = startTestVm([
    '-snapshot',
    '-drive',
    `file=${image},if=virtio,format=${format}`,
    '-netdev',
    `user,id=n0,hostfwd=tcp:127.0.0.1:${port}-:22`,
    '-device',
    'virtio-net,netdev=n0',
  ]);
  let ssh: SshCommunicator | undefined;
  try {
    ssh = await waitForSsh({
      host: '127.0.0.1',
      port,
      username,
      password,
      timeoutMs: 180_000,
      handshakeAttempts: 10,
      signal: AbortSignal.timeout(200_000),
      isAlive: () => (vm.hasExited() ? 'QEMU exited' : undefined),
    });
  } catch (error) {
    await vm.stop();
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
      await vm.stop();
    },
  };
}
