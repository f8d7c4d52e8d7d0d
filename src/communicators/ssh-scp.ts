// Upload over the scp protocol (`scp -t`): `ssh_file_transfer_method` scp, Packer's default; needs no SFTP subsystem.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError } from '../core/errors.js';
import { shellQuote } from './communicator.js';
import { ScpAckReader } from './scp-protocol.js';
import { openExec } from './ssh-exec.js';

export async function scpUpload(
  client: Client,
  source: string | Buffer,
  remotePath: string,
  mode: number,
  signal: AbortSignal,
  /** Called on every acknowledgement and written chunk (feeds ssh_read_write_timeout). */
  onProgress: () => void = () => {},
): Promise<void> {
  const size = typeof source === 'string' ? (await stat(source)).size : source.length;
  const { channel } = await openExec(client, `scp -t ${shellQuote(remotePath)}`);
  const onAbort = (): void => {
    channel.close();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const acks = new ScpAckReader(channel);
  channel.on('data', onProgress);
  const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
  try {
    await acks.expectOk('did not start');
    const modeText = (mode & 0o7777).toString(8).padStart(4, '0');
    channel.write(`C${modeText} ${size} ${posix.basename(remotePath)}\n`);
    await acks.expectOk(`refused ${remotePath}`);
    await writeBody(channel, source, onProgress);
    channel.write(Buffer.from([0]));
    await acks.expectOk(`failed writing ${remotePath}`);
    channel.end();
    await closed;
  } catch (error) {
    channel.close();
    throw signal.aborted ? new CancelledError() : error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function writeBody(
  channel: ClientChannel,
  source: string | Buffer,
  onProgress: () => void,
): Promise<void> {
  if (Buffer.isBuffer(source)) {
    await write(channel, source);
    return;
  }
  for await (const chunk of createReadStream(source)) {
    await write(channel, chunk as Buffer);
    onProgress();
  }
}

function write(channel: ClientChannel, chunk: Buffer): Promise<void> {
  if (channel.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      channel.off('close', onClose);
      resolve();
    };
    const onClose = (): void => {
      channel.off('drain', onDrain);
      reject(new Error('scp: channel closed during upload'));
    };
    channel.once('drain', onDrain);
    channel.once('close', onClose);
  });
}
