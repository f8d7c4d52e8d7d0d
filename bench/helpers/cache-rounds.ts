// Issue 11's measurement, shared by the snapshot-cache benches: A (cold build, no -cache) and B (-cache rebuild
// after changing only the last provisioner) alternate A B A B so background load hits both alike, after one
// warm-up -cache build that records the install and every provisioner. Every time is the whole `kiln` process.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runKiln } from '../../test/integration/helpers/kiln-cli.js';

export const ROUNDS = Number(process.env.KILN_BENCH_ROUNDS ?? 2);

export interface CacheBench {
  /** Scratch directory: the cache (KILN_CACHE_DIR) and each build's output go under it. */
  dir: string;
  /** The `kiln build` arguments (template last) for a build whose last provisioner carries `marker`. */
  args(marker: string, outputDir: string): Promise<string[]>;
  /** What B's output must say: which cache entry it resumed from. */
  resumed: RegExp;
  timeoutMs?: number;
}

async function build(
  bench: CacheBench,
  name: string,
  cache: boolean,
): Promise<{ seconds: number; output: string }> {
  const out = join(bench.dir, name);
  const args = await bench.args(name, out);
  const started = process.hrtime.bigint();
  const run = await runKiln(['build', ...(cache ? ['-cache'] : []), ...args], {
    env: { KILN_CACHE_DIR: join(bench.dir, 'cache') },
    ...(bench.timeoutMs ? { timeoutMs: bench.timeoutMs } : {}),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect(run.exitCode, run.output).toBe(0);
  await rm(out, { recursive: true, force: true });
  return { seconds, output: run.output };
}

/** Warm-up, then ROUNDS × (A, B); prints each round and the ratios, returns the ratio of the sums. */
export async function coldVersusCached(bench: CacheBench): Promise<number> {
  const warm = await build(bench, 'warm-up', true);
  console.log(`warm-up -cache build (records the install and provisioners): ${warm.seconds.toFixed(1)} s`);
  const rows: { cold: number; cached: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const cold = await build(bench, `cold-${round}`, false);
    const cached = await build(bench, `cached-${round}`, true);
    expect(cached.output).toMatch(bench.resumed);
    console.log(cached.output.match(/^.*Resuming from cache.*$/m)?.[0]);
    rows.push({ cold: cold.seconds, cached: cached.seconds });
    console.log(
      `round ${round}: cold ${cold.seconds.toFixed(1)} s, -cache ${cached.seconds.toFixed(1)} s, ratio ${(cached.seconds / cold.seconds).toFixed(3)}`,
    );
  }
  const ratios = rows.map((r) => r.cached / r.cold).sort((a, b) => a - b);
  const total = (key: 'cold' | 'cached') => rows.reduce((sum, r) => sum + r[key], 0);
  const ofSums = total('cached') / total('cold');
  const each = ratios.map((r) => r.toFixed(3)).join(', ');
  console.log(`ratios -cache/cold: ${each}; of the sums ${ofSums.toFixed(3)} (goal <= 0.2)`);
  expect(ratios.length).toBe(ROUNDS);
  return ofSums;
}
