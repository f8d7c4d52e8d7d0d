// Runs a compressor binary (zstd, xz) as a Duplex stream: bytes written go to its stdin, its stdout is read.
// The stream ends only after the process exits 0, so a failing compressor can never pass for a finished one;
// a non-zero exit or a missing binary is a stream error naming the command and its stderr.
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { KilnError } from '../core/errors.js';

const APT_PACKAGE: Readonly<Record<string, string>> = { zstd: 'zstd', xz: 'xz-utils' };

export function processFilter(command: string, args: readonly string[]): Duplex {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<Error | undefined>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve(
        error.code === 'ENOENT'
          ? new KilnError(`${command} not found in PATH`, {
              code: 'archive',
              hint: `install ${APT_PACKAGE[command] ?? command}`,
            })
          : new KilnError(`could not run ${command}: ${error.message}`, { code: 'archive', cause: error }),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(undefined);
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      resolve(new KilnError(`${command} ${why}: ${stderr.trim() || 'no output'}`, { code: 'archive' }));
    });
  });

  const duplex = new Duplex({
    write(chunk: Buffer, _encoding, callback) {
      if (child.stdin.write(chunk)) callback();
      else child.stdin.once('drain', () => callback());
    },
    final(callback) {
      child.stdin.end(callback);
    },
    read() {
      child.stdout.resume();
    },
    destroy(error, callback) {
      // An error elsewhere in the pipeline, or a cancel, must not leave the process behind.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      callback(error);
    },
  });
  child.stdin.on('error', () => {
    // EPIPE when the process died first: its exit status carries the real reason.
  });
  child.stdout.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) child.stdout.pause();
  });
  child.stdout.on('end', () => {
    void exited.then((error) => (error ? duplex.destroy(error) : duplex.push(null)));
  });
  void exited.then((error) => {
    if (error) duplex.destroy(error);
  });
  return duplex;
}
