// Directory transfers on top of the Communicator's single-file upload/download: `mkdir -p` and one upload per
// file going up; a `find` + `stat` listing and one download per file coming down. File modes are kept.
import { chmod, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { shellQuote } from '../../communicators/communicator.js';
import { KilnError } from '../../core/errors.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { walkLocalTree } from './local-tree.js';
import { runRemote, runRemoteChecked, tailText } from './remote-command.js';

/** Directories per `mkdir -p` command, to keep command lines short. */
const MKDIR_BATCH = 64;

/** Uploads what is inside `localDir` into `remoteDir` (created as needed). Returns the number of files. */
export async function uploadTree(
  ctx: ProvisionContext,
  localDir: string,
  remoteDir: string,
): Promise<number> {
  const entries = await walkLocalTree(localDir);
  const remote = (relative: string): string => `${remoteDir.replace(/\/+$/, '')}/${relative}`;
  const dirs = [remoteDir, ...entries.filter((e) => e.kind === 'dir').map((e) => remote(e.relative))];
  for (let i = 0; i < dirs.length; i += MKDIR_BATCH) {
    const batch = dirs.slice(i, i + MKDIR_BATCH).map(shellQuote);
    await runRemoteChecked(ctx, `mkdir -p ${batch.join(' ')}`, `creating directory ${dirs[i]}`);
  }
  const files = entries.filter((e) => e.kind === 'file');
  for (const file of files) {
    await ctx.communicator.upload(file.absolute, remote(file.relative), {
      signal: ctx.signal,
      mode: file.mode & 0o777,
    });
  }
  return files.length;
}

interface RemoteEntry {
  /** The starting point the listing began at (one per glob match). */
  top: string;
  kind: 'dir' | 'file' | 'other';
  mode: number;
  /** Below `top`; empty for `top` itself. */
  relative: string;
}

/**
 * Downloads a remote directory (`src/`) or shell glob as Packer's `scp -rf`: each match lands in `localDir`
 * under its own name, with its tree below it. Returns the number of files.
 */
export async function downloadTree(ctx: ProvisionContext, source: string, localDir: string): Promise<number> {
  const entries = await listRemote(ctx, source);
  await mkdir(localDir, { recursive: true });
  let files = 0;
  for (const entry of entries) {
    const local = join(localDir, basename(entry.top), entry.relative);
    const remote = entry.relative ? `${entry.top.replace(/\/+$/, '')}/${entry.relative}` : entry.top;
    if (entry.kind === 'dir') {
      await mkdir(local, { recursive: true, mode: entry.mode });
    } else if (entry.kind === 'file') {
      await ctx.communicator.download(remote, local, { signal: ctx.signal });
      await chmod(local, entry.mode);
      files++;
    }
  }
  return files;
}

/** A glob is left for the remote shell to expand (as Packer's `scp -rf <glob>` does); anything else is quoted. */
function listTarget(source: string): string {
  return /[*?[]/.test(source) ? source : shellQuote(source);
}

/**
 * Lists each match of `source` and everything below it with `find` and `stat -c`, which busybox has too (its
 * find has no -printf): a `T <top>` line per match, then `<type>|<octal mode>|<path>` lines. File names with
 * a newline in them are not supported.
 */
function listCommand(source: string): string {
  return [
    `for top in ${listTarget(source)}; do`,
    `[ -e "$top" ] || { echo "$top: No such file or directory" >&2; exit 1; };`,
    `printf 'T %s\\n' "$top";`,
    `find "$top" -exec stat -c '%F|%a|%n' {} + || exit 1;`,
    'done',
  ].join(' ');
}

async function listRemote(ctx: ProvisionContext, source: string): Promise<RemoteEntry[]> {
  let listing = '';
  const { status, stderrTail } = await runRemote(ctx, listCommand(source), {
    onStdout: (chunk) => {
      listing += chunk;
    },
  });
  if (status !== 0) {
    throw new KilnError(`cannot list remote path ${source}${tailText(stderrTail)}`, {
      code: 'provisioner',
      hint: 'check that the source exists on the machine and that the SSH user can read it',
    });
  }
  return parseListing(listing);
}

function parseListing(listing: string): RemoteEntry[] {
  const entries: RemoteEntry[] = [];
  let top = '';
  for (const line of listing.split('\n')) {
    if (line.startsWith('T ')) {
      top = line.slice(2);
      continue;
    }
    const [type = '', mode = '', ...rest] = line.split('|');
    const path = rest.join('|');
    if (path === '') continue;
    const base = top.replace(/\/+$/, '');
    const relative = path.startsWith(base) ? path.slice(base.length).replace(/^\/+/, '') : path;
    const kind = type === 'directory' ? 'dir' : type.startsWith('regular') ? 'file' : 'other';
    entries.push({ top, kind, mode: Number.parseInt(mode, 8), relative });
  }
  return entries;
}
