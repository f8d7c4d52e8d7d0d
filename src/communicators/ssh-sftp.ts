// SFTP transfers (`ssh_file_transfer_method: sftp`; fastPut/fastGet keep several requests in flight).
import type { Client, SFTPWrapper } from 'ssh2';
import { CancelledError, KilnError } from '../core/errors.js';
import { SessionOpenError } from './ssh-exec.js';

export function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    try {
      client.sftp((error, sftp) => {
        if (!error) return resolve(sftp);
        // No `Subsystem sftp` in the guest's sshd_config: retrying or reconnecting would not help.
        if (/subsystem/i.test(error.message)) return reject(noSftp(error));
        reject(new SessionOpenError(error));
      });
    } catch (error) {
      reject(new SessionOpenError(error));
    }
  });
}

function noSftp(error: Error): KilnError {
  return new KilnError(`the guest's sshd offers no SFTP subsystem (${error.message})`, {
    code: 'ssh-no-sftp',
    hint: 'use "ssh_file_transfer_method": "scp" (the default) or enable "Subsystem sftp" in the guest',
    cause: error,
  });
}

/** Runs one SFTP operation; ending the SFTP channel on abort makes the pending operation fail at once. */
export async function withSftp<T>(
  client: Client,
  signal: AbortSignal,
  work: (sftp: SFTPWrapper) => Promise<T>,
): Promise<T> {
  const sftp = await openSftp(client);
  const onAbort = (): void => {
    sftp.end();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal.aborted) throw new CancelledError();
    return await work(sftp);
  } catch (error) {
    throw signal.aborted ? new CancelledError() : error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    sftp.end();
  }
}

export function sftpUpload(
  sftp: SFTPWrapper,
  source: string | Buffer,
  remotePath: string,
  mode: number,
  onProgress: () => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null | undefined): void => {
      if (error) {
        reject(describe(error, `uploading to ${remotePath}`));
        return;
      }
      // open(…, mode) only applies to new files; chmod makes an overwritten file get the mode too.
      sftp.chmod(remotePath, mode, (chmodError) =>
        chmodError ? reject(describe(chmodError, `chmod ${remotePath}`)) : resolve(),
      );
    };
    if (Buffer.isBuffer(source)) sftp.writeFile(remotePath, source, { mode }, done);
    else sftp.fastPut(source, remotePath, { mode, chunkSize: 255 * 1024, step: onProgress }, done);
  });
}

export function sftpDownload(
  sftp: SFTPWrapper,
  remotePath: string,
  localPath: string,
  onProgress: () => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    sftp.fastGet(remotePath, localPath, { chunkSize: 255 * 1024, step: onProgress }, (error) =>
      error ? reject(describe(error, `downloading ${remotePath}`)) : resolve(),
    );
  });
}

function describe(error: Error, what: string): Error {
  return new Error(`SFTP error ${what}: ${error.message}`, { cause: error });
}
