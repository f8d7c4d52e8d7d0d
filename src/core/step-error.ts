// What the runner makes of an error that escapes a step: a KilnError naming the step. A system error
// (EACCES from mkdir, EXDEV from rename) says what failed on which path, in words; its stack stays in `cause`.
import { errorMessage, isCancelled, KilnError } from './errors.js';

const DESCRIPTIONS: Readonly<Record<string, { what: string; hint?: string }>> = {
  EACCES: { what: 'permission denied', hint: 'check the permissions of the path (and output_directory)' },
  EPERM: {
    what: 'operation not permitted',
    hint: 'check the permissions of the path (and output_directory)',
  },
  ENOENT: { what: 'no such file or directory' },
  EEXIST: { what: 'already exists' },
  ENOSPC: {
    what: 'no space left on the device',
    hint: 'free some disk space, or put output_directory elsewhere',
  },
  EXDEV: { what: 'cannot move across file systems', hint: 'keep the paths involved on one file system' },
  EROFS: { what: 'read-only file system' },
  ENOTDIR: { what: 'not a directory' },
  EISDIR: { what: 'is a directory' },
  EMFILE: { what: 'too many open files', hint: 'raise the open-file limit (ulimit -n)' },
};

/** Returns the error with `step` set; anything but a KilnError (or a cancellation) is wrapped first. */
export function toStepError(error: unknown, step: string): unknown {
  if (isCancelled(error)) return error;
  if (error instanceof KilnError) {
    if (error.step === undefined) error.step = step;
    return error;
  }
  const system = systemError(error);
  const wrapped = system
    ? new KilnError(system.message, { code: `system-${system.code}`, cause: error, ...hint(system.hint) })
    : new KilnError(errorMessage(error), {
        code: 'unexpected',
        cause: error,
        hint: 'this looks like a bug in Kiln: run with -debug to see where it happened, and report it',
      });
  wrapped.step = step;
  return wrapped;
}

function systemError(error: unknown): { message: string; code: string; hint?: string } | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string')
    return undefined;
  const description = DESCRIPTIONS[e.code];
  const paths = [e.path, e.dest].filter((p): p is string => typeof p === 'string');
  const target = paths.length ? ` ${paths.join(' -> ')}` : '';
  const what =
    description?.what ??
    errorMessage(error)
      .replace(/^[A-Z]+: /, '')
      .split(',')[0];
  return {
    message: `${e.syscall}${target}: ${what} (${e.code})`,
    code: e.code,
    ...(description?.hint ? { hint: description.hint } : {}),
  };
}

function hint(text: string | undefined): { hint?: string } {
  return text === undefined ? {} : { hint: text };
}
