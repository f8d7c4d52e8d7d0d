// A software TPM for `vtpm`: one swtpm process per build, its state and socket in the build's work directory,
// started before QEMU and ended in cleanup (swtpm also ends by itself when QEMU closes the socket).
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { KilnError } from '../../../core/errors.js';
import { abortableSleep } from '../../../core/wait.js';
import { dieWithKiln } from '../../../process/die-with-kiln.js';

export interface RunningTpm {
  readonly socket: string;
  stop(): Promise<void>;
}

export async function startSwtpm(workDir: string, tpm1: boolean, signal: AbortSignal): Promise<RunningTpm> {
  const state = join(workDir, 'tpm');
  const socket = join(workDir, 'swtpm.sock');
  await mkdir(state, { recursive: true });
  // swtpm ends when QEMU closes its socket, but not when Kiln dies before QEMU has connected.
  const command = dieWithKiln('swtpm', [
    'socket',
    '--tpmstate',
    `dir=${state}`,
    '--ctrl',
    `type=unixio,path=${socket}`,
    '--terminate',
    '--log',
    `file=${join(workDir, 'swtpm.log')}`,
    ...(tpm1 ? [] : ['--tpm2']),
  ]);
  const child: ResultPromise = execa(command.file, command.args, {
    reject: false,
    stdin: 'ignore',
    cleanup: true,
  });
  let exited = false;
  const done = child.finally(() => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await done;
  };
  try {
    for (let waited = 0; !(await isSocket(socket)); waited += 50) {
      if (exited || waited > 10_000) {
        await stop();
        const result = await done;
        throw new KilnError(`vtpm: swtpm did not start: ${result.stderr || result.shortMessage}`, {
          code: 'tpm',
          // setpriv exits 127 when it cannot find swtpm.
          hint:
            result.code === 'ENOENT' || result.exitCode === 127
              ? 'vtpm needs swtpm: apt-get install swtpm'
              : undefined,
        });
      }
      await abortableSleep(50, signal);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, stop };
}

function isSocket(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isSocket(),
    () => false,
  );
}
