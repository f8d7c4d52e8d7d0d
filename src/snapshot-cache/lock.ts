// A lock file shared by every Kiln process that changes the snapshot cache: committing an entry and evicting
// are short critical sections, so a plain O_EXCL lock file with the owner's pid is enough (a crashed owner's
// lock is taken over once its pid is gone). Node has no flock(2), hence this.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KilnError } from '../core/errors.js';
import { abortableSleep } from '../core/wait.js';
import { pidExists } from '../process/pid-exists.js';

const RETRY_MS = 50;
const GIVE_UP_MS = 60_000;

export async function withCacheLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const path = join(dir, '.lock');
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await ownerIsGone(path)) await rm(path, { force: true });
      else if (Date.now() > deadline)
        throw new KilnError(`the snapshot cache lock ${path} is held too long`, {
          code: 'cache-lock',
          hint: `remove ${path} if no Kiln is running`,
        });
      else await abortableSleep(RETRY_MS, AbortSignal.timeout(GIVE_UP_MS));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

async function ownerIsGone(path: string): Promise<boolean> {
  const pid = Number(await readFile(path, 'utf8').catch(() => ''));
  // An empty file is a lock being written right now.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  return !pidExists(pid);
}
