// Streams that turn a command's plain output into Packer's `ui,say` / `ui,error` records (-machine-readable
// on commands whose output has no typed records: validate, fix, console).

import { Writable } from 'node:stream';
import { formatMachineRecord } from './machine-readable.js';

export interface MachineRecordStreams {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/** Each write becomes one record on `out` (its final newline dropped), as Packer's Ui.Say/Error would print. */
export function machineRecordStreams(
  out: NodeJS.WritableStream,
  now = () => new Date(),
): MachineRecordStreams {
  const stream = (kind: 'say' | 'error') =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        const text = String(chunk).replace(/\n$/, '');
        const timestamp = Math.floor(now().getTime() / 1000);
        out.write(`${formatMachineRecord({ timestamp, target: '', type: 'ui', data: [kind, text] })}\n`);
        done();
      },
    });
  return { out: stream('say'), err: stream('error') };
}
