// What `kiln doctor` asks the machine: programs on PATH and their versions, files, free disk, KVM. One
// interface so tests can point it at a fake PATH and root directory, or replace it.
import { constants } from 'node:fs';
import { access, readdir, readFile, stat, statfs } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { kvmUnusableReason } from '../builders/qemu/accelerator.js';

export interface HostProbes {
  /** Every executable on PATH whose name starts with `prefix` (the first of each name), sorted by name. */
  onPath(prefix: string): Promise<Map<string, string>>;
  /** The first line `binary <flag>` prints, or undefined when it does not run. */
  version(binary: string, flag?: string): Promise<string | undefined>;
  /** File names in a directory under the root; [] when it does not exist. */
  list(dir: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** Whether this user may open `path` for reading and writing. */
  readWritable(path: string): Promise<boolean>;
  /** Free bytes for an unprivileged user on the file system that holds `path` or its nearest parent. */
  freeBytes(path: string): Promise<number | undefined>;
  /** accelerator.ts's verdict: undefined when KVM runs a probe guest with this QEMU. */
  kvmUnusable(qemuBinary: string, signal: AbortSignal): Promise<string | undefined>;
  /** The group that owns /dev/kvm (to join for access), when it can be named. */
  kvmGroup(): Promise<string | undefined>;
}

export interface HostProbeOptions {
  env: NodeJS.ProcessEnv;
  /** Where /dev, /sys, /etc and /usr/share are looked for; '/' on a real machine. */
  root?: string;
}

const VERSION_TIMEOUT_MS = 5_000;

export function hostProbes(options: HostProbeOptions): HostProbes {
  const root = options.root ?? '/';
  const under = (path: string) => join(root, path);
  return {
    onPath: async (prefix) => {
      const found = new Map<string, string>();
      for (const dir of (options.env.PATH ?? '').split(delimiter).filter(Boolean)) {
        for (const name of await readdir(dir).catch(() => [] as string[])) {
          if (!name.startsWith(prefix) || found.has(name)) continue;
          if (await isExecutable(join(dir, name))) found.set(name, join(dir, name));
        }
      }
      return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
    },
    version: async (binary, flag = '--version') => {
      const result = await execa(binary, [flag], {
        reject: false,
        timeout: VERSION_TIMEOUT_MS,
        stdin: 'ignore',
        env: options.env,
        extendEnv: false,
      });
      const first = `${result.stdout}\n${result.stderr}`.trim().split('\n')[0]?.trim();
      return result.exitCode === 0 && first ? first : undefined;
    },
    list: async (dir) => (await readdir(under(dir)).catch(() => [] as string[])).sort(),
    exists: (path) =>
      access(under(path)).then(
        () => true,
        () => false,
      ),
    readWritable: (path) =>
      access(under(path), constants.R_OK | constants.W_OK).then(
        () => true,
        () => false,
      ),
    freeBytes: async (path) => {
      for (let dir = path; ; dir = dirname(dir)) {
        const fs = await statfs(dir).catch(() => undefined);
        if (fs) return fs.bavail * fs.bsize;
        if (dirname(dir) === dir) return undefined;
      }
    },
    kvmUnusable: (qemuBinary, signal) => kvmUnusableReason({ qemuBinary, signal, root }),
    kvmGroup: async () => {
      const gid = await stat(under('dev/kvm')).then(
        (s) => s.gid,
        () => undefined,
      );
      if (gid === undefined || gid === 0) return undefined;
      const groups = await readFile(under('etc/group'), 'utf8').catch(() => '');
      const line = groups.split('\n').find((entry) => entry.split(':')[2] === String(gid));
      return line?.split(':')[0];
    },
  };
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
