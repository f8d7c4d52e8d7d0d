// Node cannot flock(2), so a small child takes the lock for it: `sh` opens the lock file as fd 9, flock(1)
// locks it, and `cat` keeps fd 9 open until its stdin (a pipe from Kiln) closes. Kiln releasing the lock or
// dying in any way (SIGKILL included) closes that pipe, `cat` exits and the kernel drops the lock.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { KilnError } from '../core/errors.js';
import { killGroupOnAbort } from '../core/kill-group.js';

const HOLD_SCRIPT = [
  'command -v flock >/dev/null || { echo "flock(1) not found" >&2; exit 127; }',
  'exec 9>>"$0" || exit 1',
  'flock -n 9 || { echo waiting; flock 9 || exit 1; }',
  'echo locked',
  'exec cat',
].join('\n');

/** sh and flock(1) end on SIGTERM at once; the SIGKILL after this is only a backstop. */
const KILL_GRACE_MS = 1_000;

export interface FlockHolder {
  /** The process that holds fd 9 (`cat`, exec'd from the shell). */
  readonly pid: number;
  /** Another process held the lock first. */
  readonly waited: boolean;
  /** Closes the pipe; resolves once the holder has exited and the lock is free. */
  release(): Promise<void>;
}

/** Resolves once the lock is held; `onWaiting` runs when someone else holds it first. Aborting ends the wait. */
export function holdFlock(
  lockPath: string,
  signal: AbortSignal,
  onWaiting: () => void,
): Promise<FlockHolder> {
  signal.throwIfAborted();
  // Its own process group: a terminal's Ctrl-C reaches Kiln only, and an abort can end the waiting flock(1)
  // together with its shell.
  const child = spawn('sh', ['-c', HOLD_SCRIPT, lockPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // A holder that died early closes the pipe; that must not crash Kiln.
  child.stdin?.on('error', () => undefined);
  const stopOnAbort = killGroupOnAbort(child.pid, signal, KILL_GRACE_MS);
  let waited = false;
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise<FlockHolder>((resolve, reject) => {
    const fail = (error: unknown) => {
      stopOnAbort();
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code, sig) => fail(lockFailed(lockPath, code ?? sig, stderr.join('').trim())));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line === 'waiting') {
        waited = true;
        onWaiting();
      } else if (line === 'locked' && child.pid !== undefined) {
        stopOnAbort();
        child.removeAllListeners('exit');
        resolve({ pid: child.pid, waited, release: () => release(child) });
      }
    });
  });
}

async function release(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  await exited;
}

function lockFailed(lockPath: string, status: number | string | null, stderr: string): KilnError {
  return new KilnError(
    `could not lock ${lockPath} (exit ${status ?? 'unknown'})${stderr ? `: ${stderr}` : ''}`,
    {
      code: 'cache-lock',
      hint:
        status === 127
          ? 'Kiln needs flock(1) from util-linux to share its ISO cache between concurrent builds: install util-linux'
          : 'check that the cache directory is writable (KILN_CACHE_DIR)',
    },
  );
}
