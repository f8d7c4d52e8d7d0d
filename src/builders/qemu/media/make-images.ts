// The extra CD (xorriso, ISO 9660 + Joliet + Rock Ridge, as Packer runs it) and floppy (mkfs.fat FAT12 + mcopy)
// images, made from a staging directory. Host tools, reached through the QEMU driver so steps can be faked.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { KilnError } from '../../../core/errors.js';
import { formatBytes } from '../../../core/format.js';

/** A 1.44 MB floppy: 2880 sectors of 512 bytes. */
export const FLOPPY_BYTES = 1_474_560;
/** What FAT12 on a 1.44 MB floppy leaves for files (boot sector, two FATs of 9 sectors, 224-entry root). */
export const FLOPPY_DATA_BYTES = FLOPPY_BYTES - 33 * 512;
/** The keys whose files fill the floppy, named in its errors. */
const FLOPPY_KEYS = 'floppy_files/floppy_dirs/floppy_content';

export async function makeIsoImage(source: string, label: string, output: string, signal: AbortSignal) {
  const result = await execa(
    'xorriso',
    ['-as', 'genisoimage', '-rock', '-joliet', '-volid', label, '-output', output, source],
    { reject: false, cancelSignal: signal, stdin: 'ignore' },
  );
  signal.throwIfAborted();
  if (result.failed) {
    throw new KilnError(`creating the CD image failed: ${lastLines(result.stderr) || result.shortMessage}`, {
      code: 'media',
      hint: missingTool(result, 'xorriso', 'xorriso'),
    });
  }
}

export async function makeFloppyImage(source: string, label: string, output: string, signal: AbortSignal) {
  const run = async (file: string, args: string[], what: string) => {
    const result = await execa(file, args, { reject: false, cancelSignal: signal, stdin: 'ignore' });
    signal.throwIfAborted();
    if (!result.failed) return;
    const full = /disk full|no free space/i.test(result.stderr);
    throw new KilnError(
      full
        ? `${FLOPPY_KEYS}: the floppy files do not fit on a 1.44 MB floppy (${what}: ${lastLines(result.stderr)})`
        : `${what} failed: ${lastLines(result.stderr) || result.shortMessage}`,
      {
        code: 'media',
        hint: full
          ? 'move large files to cd_files or http_directory'
          : missingTool(result, file, file === 'mcopy' ? 'mtools' : 'dosfstools'),
      },
    );
  };
  await run(
    'mkfs.fat',
    ['-C', '-F', '12', '-n', label.slice(0, 11).toUpperCase(), output, '1440'],
    'mkfs.fat',
  );
  const entries = (await readdir(source)).map((name) => join(source, name));
  if (entries.length > 0) await run('mcopy', ['-s', '-Q', '-i', output, ...entries, '::/'], 'mcopy');
}

/** Says before trying when the files cannot fit, naming their size. */
export function checkFloppyFits(bytes: number): void {
  if (bytes <= FLOPPY_DATA_BYTES) return;
  throw new KilnError(
    `${FLOPPY_KEYS}: the floppy files (${formatBytes(bytes)}) do not fit on a 1.44 MB floppy (${formatBytes(FLOPPY_DATA_BYTES)} free)`,
    { code: 'media', hint: 'move large files to cd_files or http_directory' },
  );
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ');
}

function missingTool(result: { code?: string | undefined }, tool: string, pkg: string): string | undefined {
  return result.code === 'ENOENT' ? `${tool} is not installed: apt-get install ${pkg}` : undefined;
}
