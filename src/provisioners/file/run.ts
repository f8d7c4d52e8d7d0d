// The `file` provisioner: uploads files and directories to the machine, or downloads them, with Packer's
// trailing-slash rules. Files are streamed from and to disk, never held in memory whole.
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage, KilnError } from '../../core/errors.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { downloadTree, uploadTree } from '../common/remote-tree.js';
import type { FileProvisionerConfig } from './config.js';

export async function runFileProvisioner(
  config: FileProvisionerConfig,
  ctx: ProvisionContext,
): Promise<void> {
  for (const source of config.sources) {
    if (config.direction === 'download') await downloadOne(source, config.destination, ctx);
    else await uploadOne(source, config, ctx);
  }
}

/** `dir` lands as destination/dir, `dir/` puts what is inside dir into destination; a file into `dst/` keeps its name. */
async function uploadOne(
  source: string,
  config: FileProvisionerConfig,
  ctx: ProvisionContext,
): Promise<void> {
  const destination = config.destination;
  ctx.ui.say(`Uploading ${source} => ${destination}`);
  const info = await stat(source).catch((error: unknown) => {
    throw new KilnError(`cannot upload ${source}: ${errorMessage(error)}`, {
      code: 'provisioner',
      hint: config.generated
        ? 'with "generated": true the source must exist by the time this provisioner runs'
        : 'the source existed when the template was loaded: did an earlier step remove it?',
      cause: error,
    });
  });
  if (info.isDirectory()) {
    const target = source.endsWith('/')
      ? destination
      : `${destination.replace(/\/+$/, '')}/${basename(source)}`;
    const count = await uploadTree(ctx, source, target);
    ctx.ui.message(`Uploaded ${count} file(s) to ${target}`);
    return;
  }
  const target = destination.endsWith('/') ? destination + basename(source) : destination;
  try {
    await ctx.communicator.upload(source, target, { signal: ctx.signal, mode: info.mode & 0o777 });
  } catch (error) {
    throw new KilnError(`Upload failed: ${errorMessage(error)}`, {
      code: 'provisioner',
      hint: 'the destination directory must exist; end the destination with "/" to upload into a directory',
      cause: error,
    });
  }
}

/** Packer's download: a source ending in "/" or holding a glob is a tree that lands under its own name. */
async function downloadOne(source: string, destination: string, ctx: ProvisionContext): Promise<void> {
  ctx.ui.say(`Downloading ${source} => ${destination}`);
  const isTree = source.endsWith('/') || /[*?[]/.test(source);
  const dir = destination.endsWith('/') ? destination : dirname(destination);
  const target = destination.endsWith('/') && !isTree ? join(destination, basename(source)) : destination;
  if (dir !== '') await mkdir(dir, { recursive: true });
  if (isTree) {
    const count = await downloadTree(ctx, source, target);
    ctx.ui.message(`Downloaded ${count} file(s) to ${target}`);
    return;
  }
  try {
    await ctx.communicator.download(source, target, { signal: ctx.signal });
  } catch (error) {
    throw new KilnError(`Download failed: ${errorMessage(error)}`, {
      code: 'provisioner',
      hint: 'check the remote path; to download a directory, end the source with "/"',
      cause: error,
    });
  }
}
