// Children that must not outlive Kiln (QEMU, swtpm) start through util-linux's `setpriv --pdeathsig SIGKILL`:
// the kernel kills them when Kiln dies, even by SIGKILL, where no exit handler of Kiln's can run. The death
// signal fires when the *thread* that forked the child ends; Node forks on its main thread, which lives as long
// as the process (a child spawned from a worker thread would die with that worker: Kiln spawns none there).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

/** `file args` wrapped so it dies with Kiln; unwrapped where setpriv is missing (a rerun still clears it). */
export function dieWithKiln(file: string, args: readonly string[], path = process.env.PATH): Command {
  const setpriv = findOnPath('setpriv', path);
  if (!setpriv) return { file, args };
  return { file: setpriv, args: ['--pdeathsig', 'SIGKILL', '--', file, ...args] };
}

function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
