// One download per cache entry: concurrent Kiln runs that need the same file take an exclusive flock(2) on
// `<target>.lock` (Packer's lock file and kind of lock) and the others wait. A kernel lock goes away with
// its holder, however it died; a lock file naming a PID would need a liveness check that PID reuse and
// caches shared over NFS defeat. The holder removes the lock file when it is done, so the cache keeps only
// ISOs; a waiter that then finds its locked file unlinked or replaced locks the new one instead.
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { CancelledError } from '../core/errors.js';
import { type FlockHolder, holdFlock } from './flock-holder.js';

export interface CacheLock {
  /** The lock was held by someone else first: what they left may now be in the cache. */
  readonly waited: boolean;
  release(): Promise<void>;
}

export interface CacheLockOptions {
  signal: AbortSignal;
  /**
   * Called when another process holds the lock (waitedMs 0), then every `noticeEveryMs` until it is ours,
   * with what the lock file says about the holder.
   */
  onWait?: (holder: string, waitedMs: number) => void;
  noticeEveryMs?: number;
}

const DEFAULT_NOTICE_EVERY_MS = 30_000;

export async function acquireCacheLock(lockPath: string, options: CacheLockOptions): Promise<CacheLock> {
  const { signal } = options;
  const since = Date.now();
  let waited = false;
  let settled = false;
  let notices: NodeJS.Timeout | undefined;
  const onWaiting = () => {
    if (waited) return;
    waited = true;
    void describeHolder(lockPath).then((holder) => {
      if (settled) return;
      options.onWait?.(holder, 0);
      // Read again each time: the holder may not have written its name yet, or may have changed.
      notices = setInterval(() => {
        const waitedMs = Date.now() - since;
        void describeHolder(lockPath).then((now) => settled || options.onWait?.(now, waitedMs));
      }, options.noticeEveryMs ?? DEFAULT_NOTICE_EVERY_MS);
    });
  };
  try {
    for (;;) {
      const holder = await holdFlock(lockPath, signal, onWaiting);
      if (await stillAtPath(lockPath, holder)) {
        // Only for the message others print while they wait; the flock is the lock.
        await writeFile(lockPath, `kiln pid ${process.pid} on ${hostname()}\n`).catch(() => undefined);
        return { waited, release: () => releaseLock(lockPath, holder) };
      }
      await holder.release();
    }
  } catch (error) {
    if (signal.aborted) throw new CancelledError(`waiting for the cache lock ${lockPath} cancelled`);
    throw error;
  } finally {
    settled = true;
    clearInterval(notices);
  }
}

/** The locked file is still the one at `lockPath` (not unlinked by the previous holder, nor replaced). */
async function stillAtPath(lockPath: string, holder: FlockHolder): Promise<boolean> {
  const [atPath, locked] = await Promise.all([
    stat(lockPath).catch(() => undefined),
    stat(`/proc/${holder.pid}/fd/9`).catch(() => undefined),
  ]);
  if (locked === undefined) return atPath !== undefined; // no /proc: trust the path (and keep the file)
  return atPath !== undefined && atPath.ino === locked.ino && atPath.dev === locked.dev;
}

async function releaseLock(lockPath: string, holder: FlockHolder): Promise<void> {
  // Unlinked while still held: a waiter that gets the old file sees it is gone and locks a new one.
  if (
    await stat(`/proc/${holder.pid}/fd/9`).then(
      () => true,
      () => false,
    )
  ) {
    await unlink(lockPath).catch(() => undefined);
  }
  await holder.release();
}

async function describeHolder(lockPath: string): Promise<string> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  return text.trim() || 'another process';
}
