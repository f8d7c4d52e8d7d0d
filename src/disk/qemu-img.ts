// The only place that runs qemu-img, for the QEMU builder's driver and the convert post-processor alike:
// qemu-img's error text is mapped here, and its `-p` progress is parsed here.
import { execa } from 'execa';
import type { Logger } from '../core/debug-log.js';
import { KilnError } from '../core/errors.js';
import { abortableSleep } from '../core/wait.js';

export class QemuImgError extends KilnError {
  constructor(
    readonly command: string,
    readonly stderr: string,
    readonly exitCode: number | undefined,
  ) {
    super(`qemu-img failed (exit code ${exitCode}): ${stderr.trim() || 'no output'}\n  command: ${command}`, {
      code: isLockError(stderr) ? 'qemu-img-locked' : 'qemu-img',
    });
  }
}

function isLockError(stderr: string): boolean {
  return (
    stderr.includes('Failed to get shared "write" lock') || stderr.includes('Failed to get "write" lock')
  );
}

export interface QemuImgOptions {
  signal: AbortSignal;
  binary?: string;
  /** With `-p`: called with qemu-img's progress in percent as it goes. */
  onProgress?: (percent: number) => void;
  /** The build's debug log: the command line and how it ended. */
  log?: Logger;
}

/** Runs qemu-img; resolves with its stdout, throws QemuImgError (or a KilnError when it cannot start). */
export async function runQemuImg(args: readonly string[], options: QemuImgOptions): Promise<string> {
  const { signal, binary = 'qemu-img', onProgress, log } = options;
  log?.debug(`running: ${[binary, ...args].join(' ')}`);
  let result: Awaited<ReturnType<typeof execa>>;
  try {
    const subprocess = execa(binary, args, { reject: false, cancelSignal: signal, stdin: 'ignore' });
    if (onProgress) {
      subprocess.stdout?.setEncoding('utf8');
      subprocess.stdout?.on('data', (chunk: string) => {
        const percent = parseProgress(chunk);
        if (percent !== undefined) onProgress(percent);
      });
    }
    result = await subprocess;
  } catch (error) {
    throw new KilnError(`could not run ${binary}`, {
      code: 'qemu-img',
      cause: error,
      hint: 'install qemu-utils',
    });
  }
  if (result.isCanceled) signal.throwIfAborted();
  log?.debug(
    `${binary} ${args[0] ?? ''} exited with code ${result.exitCode}${result.failed ? `: ${String(result.stderr).trim()}` : ''}`,
  );
  if (result.failed) {
    const missing = (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    if (missing)
      throw new KilnError(`${binary} not found in PATH`, { code: 'qemu-img', hint: 'install qemu-utils' });
    throw new QemuImgError(result.escapedCommand, String(result.stderr), result.exitCode);
  }
  return String(result.stdout);
}

/** qemu-img -p redraws "    (12.34/100%)" with carriage returns; the last complete figure wins. */
function parseProgress(chunk: string): number | undefined {
  const match = /\((\d+(?:\.\d+)?)\/100%\)/.exec(chunk.split('\r').filter(Boolean).at(-1) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Retries while QEMU still holds the image lock right after it exited (Packer retries the same way). */
export async function runQemuImgUnlocked(
  args: readonly string[],
  options: QemuImgOptions,
  attempts = 10,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runQemuImg(args, options);
    } catch (error) {
      if (!(error instanceof QemuImgError && error.code === 'qemu-img-locked') || attempt >= attempts)
        throw error;
      await abortableSleep(500, options.signal);
    }
  }
}

export interface ImageInfo {
  format: string;
  virtualSize: number;
  actualSize: number;
}

/** `format` when known: letting qemu-img probe a raw image lets the guest's bytes decide how it is read. */
export async function imageInfo(
  path: string,
  options: QemuImgOptions & { format?: string },
): Promise<ImageInfo> {
  const formatArgs = options.format ? ['-f', options.format] : [];
  const info = JSON.parse(
    await runQemuImg(['info', '--output=json', ...formatArgs, path], options),
  ) as Record<string, unknown>;
  return {
    format: String(info.format),
    virtualSize: Number(info['virtual-size']),
    actualSize: Number(info['actual-size']),
  };
}
