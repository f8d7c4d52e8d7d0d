// Export throughput against the plain tools, run side by side (A B A B): the checksum post-processor's
// one-pass hashing of a 2 GiB file vs `sha256sum`, and the convert post-processor vs plain `qemu-img convert`.
// Goal: within 1.1x. Run on demand: npx vitest run --project bench bench/export.bench.test.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../src/core/debug-log.js';
import { BufferUi } from '../src/core/ui.js';
import { filesArtifact } from '../src/plugins/artifact.js';
import { runChecksum } from '../src/post-processors/checksum/run.js';
import { runConvert } from '../src/post-processors/convert/run.js';

const PAIRS = Number(process.env.KILN_BENCH_PAIRS ?? 3);
const signal = new AbortController().signal;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-bench-export-'));
  await execa('sh', ['-c', `head -c 2G /dev/urandom > ${join(dir, 'big.bin')}`]);
  // A disk image like a build's: 512 MiB of data in a 2 GiB qcow2.
  await execa('sh', ['-c', `head -c 512M /dev/urandom > ${join(dir, 'data.raw')}`]);
  await execa('qemu-img', [
    'convert',
    '-f',
    'raw',
    '-O',
    'qcow2',
    join(dir, 'data.raw'),
    join(dir, 'disk.qcow2'),
  ]);
  await execa('qemu-img', ['resize', join(dir, 'disk.qcow2'), '2G']);
  await rm(join(dir, 'data.raw'));
}, 600_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** Runs A then B PAIRS times (one warm-up pair first) and returns each side's times and the median A/B. */
async function sideBySide(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  await a();
  await b();
  const times: { a: number; b: number }[] = [];
  for (let i = 0; i < PAIRS; i++) times.push({ a: await seconds(a), b: await seconds(b) });
  const ratios = times.map((t) => t.a / t.b).sort((x, y) => x - y);
  return { times, median: ratios[Math.floor(ratios.length / 2)] as number };
}

describe('export throughput vs the plain tools', () => {
  it('checksum sha256 of 2 GiB vs sha256sum', async () => {
    const file = join(dir, 'big.bin');
    let n = 0;
    const result = await sideBySide(
      () =>
        runChecksum(
          { type: 'checksum', checksumTypes: ['sha256'], output: '' },
          filesArtifact('bench', [file], 'bench'),
          { ui: new BufferUi(), signal, outputFor: () => join(dir, `sums-${n++}`) },
        ),
      () => execa('sha256sum', [file]),
    );
    console.log(`checksum sha256 2 GiB: kiln/sha256sum median ${result.median.toFixed(3)}x`, result.times);
    expect(result.median).toBeLessThan(1.1);
  });

  it('convert qcow2 -> vmdk streamOptimized vs qemu-img convert', async () => {
    const disk = join(dir, 'disk.qcow2');
    const result = await sideBySide(
      () =>
        runConvert(
          filesArtifact('bench', [disk], 'bench', 'qcow2'),
          {
            type: 'convert',
            formats: ['vmdk'],
            output: undefined,
            vmdkSubformat: 'streamOptimized',
            vhdSubformat: 'dynamic',
            diskCompression: false,
            qemuImgArgs: [],
          },
          { ui: new BufferUi(), signal, log: SILENT_LOG, outputFor: () => join(dir, 'kiln.vmdk') },
        ),
      () =>
        execa('qemu-img', [
          'convert',
          '-f',
          'qcow2',
          '-O',
          'vmdk',
          '-o',
          'subformat=streamOptimized',
          disk,
          join(dir, 'plain.vmdk'),
        ]),
    );
    console.log(
      `convert to streamOptimized vmdk: kiln/qemu-img median ${result.median.toFixed(3)}x`,
      result.times,
    );
    expect(result.median).toBeLessThan(1.1);
  });
});
