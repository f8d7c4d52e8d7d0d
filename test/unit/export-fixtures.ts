// A small real qcow2 disk (with incompressible and compressible bytes in it) for the export tests.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

/** A 64 MiB-virtual qcow2 holding ~3 MiB of data; returns its path. */
export async function makeSmallQcow2(dir: string, name = 'disk.qcow2'): Promise<string> {
  const raw = join(dir, `${name}.seed.raw`);
  const disk = join(dir, name);
  await writeFile(raw, Buffer.concat([randomBytes(1024 * 1024), Buffer.alloc(2 * 1024 * 1024, 0x5a)]));
  await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, disk]);
  await execa('qemu-img', ['resize', '-f', 'qcow2', disk, '64M']);
  await execa('rm', ['-f', raw]);
  return disk;
}
