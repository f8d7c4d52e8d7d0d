// Where the debug log goes, decided from the environment as Packer decides it (main.go logOutput): logging is
// on when KILN_LOG (else PACKER_LOG) is set to anything but "" or "0"; then to KILN_LOG_PATH (else
// PACKER_LOG_PATH), created afresh, or else to stderr without the copies of UI lines (they are on the screen
// already). The path alone turns nothing on.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { LogSink } from './debug-log.js';
import { errorMessage, KilnError } from './errors.js';

export interface OpenLogSink extends LogSink {
  readonly path: string | undefined;
  close(): void;
}

export function debugLogEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.KILN_LOG || env.PACKER_LOG;
  return value !== undefined && value !== '' && value !== '0';
}

/** Undefined when logging is off. A file is written synchronously, so a crash loses no line. */
export function openLogSink(env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): OpenLogSink | undefined {
  if (!debugLogEnabled(env)) return undefined;
  const path = env.KILN_LOG_PATH || env.PACKER_LOG_PATH || undefined;
  if (!path) {
    return {
      path,
      write: (line, fromUi) => {
        if (!fromUi) stderr.write(`${line}\n`);
      },
      close: () => {},
    };
  }
  let fd: number | undefined;
  try {
    // Owner-only: the log holds command lines and paths even with secrets redacted.
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    throw new KilnError(`cannot write the debug log ${path}: ${errorMessage(error)}`, {
      code: 'debug-log',
      hint: 'set KILN_LOG_PATH (or PACKER_LOG_PATH) to a writable file, or unset it to log to stderr',
    });
  }
  const file = fd;
  let open = true;
  return {
    path,
    write: (line) => {
      if (open) writeSync(file, `${line}\n`);
    },
    close: () => {
      if (!open) return;
      open = false;
      closeSync(file);
    },
  };
}
