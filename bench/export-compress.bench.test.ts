// Kiln's compress (.tar.gz and .gz, gzip level 6) against `tar czf` and `gzip` on the same ~1 GB disk-like
// file, in alternating pairs (A B A B) so drift on a shared machine hits both sides alike; prints each pair's
// ratio and the median. Goal: ≤ 1.1× the time. Run on demand: npx vitest run --project bench
// (KILN_BENCH_MB sets the size, KILN_BENCH_PAIRS the pairs.)
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArchive } from '../src/archive/write-archive.js';
import { BufferUi } from '../src/core/ui.js';

const SIZE_MB = Number(process.env.KILN_BENCH_MB ?? 1024);
const PAIRS = Number(process.env.KILN_BENCH_PAIRS ?? 3);
let dir: string;
let input: string;

/** Disk-like bytes: per MiB, 192 KiB random (already compressed data), 320 KiB of text, 512 KiB of zeros. */
async function writeDiskLike(path: string, mib: number): Promise<void> {
  const out = createWriteStream(path);
  const text = Buffer.from('kiln builds machine images; '.repeat(12000)).subarray(0, 320 * 1024);
  for (let i = 0; i < mib; i++) {
    const chunk = Buffer.concat([randomBytes(192 * 1024), text, Buffer.alloc(512 * 1024)]);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function pairs(label: string, kiln: () => Promise<unknown>, baseline: () => Promise<unknown>) {
  const ratios: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const a = await seconds(kiln);
    const b = await seconds(baseline);
    ratios.push(a / b);
    console.log(
      `${label} pair ${i + 1}: kiln ${a.toFixed(2)} s, baseline ${b.toFixed(2)} s, ratio ${(a / b).toFixed(3)}`,
    );
  }
  console.log(`${label}: median ratio ${median(ratios).toFixed(3)} over ${PAIRS} pairs`);
  return median(ratios);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-bench-compress-'));
  input = join(dir, 'disk.raw');
  await writeDiskLike(input, SIZE_MB);
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ctx = { ui: new BufferUi(), signal: new AbortController().signal, step: 'bench' };

describe(`compress ${SIZE_MB} MiB`, () => {
  it('.tar.gz vs tar czf', async () => {
    const ratio = await pairs(
      '.tar.gz',
      () =>
        writeArchive(
          join(dir, 'k.tar.gz'),
          [{ name: 'disk.raw', path: input }],
          { container: 'tar', compression: 'gzip', level: 6 },
          ctx,
        ),
      () => execa('tar', ['czf', join(dir, 't.tar.gz'), '-C', dir, 'disk.raw']),
    );
    expect(ratio).toBeLessThan(1.5); // a regression guard; the goal (≤ 1.1) is read from the printed ratios
  });

  it('.gz vs gzip', async () => {
    const ratio = await pairs(
      '.gz',
      () =>
        writeArchive(
          join(dir, 'k.gz'),
          [{ name: 'disk.raw', path: input }],
          { container: 'single', compression: 'gzip', level: 6 },
          ctx,
        ),
      () => execa('sh', ['-c', 'gzip -c "$1" > "$2"', 'sh', input, join(dir, 'g.gz')]),
    );
    expect(ratio).toBeLessThan(1.5);
  });
});
