// Cold build vs -cache rebuild after changing only the last provisioner, on templates/testos.json (its one
// provisioner writes `marker` into the image: a new -var marker=… is a changed last provisioner). One warm-up
// -cache build records the install; then A (cold, no -cache) and B (-cache, new marker) alternate A B A B so
// background load hits both alike. Run on demand, under the VM lock:
//   flock /tmp/kiln-vm.lock npx vitest run --project bench bench/snapshot-cache.bench.test.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKiln } from '../test/integration/helpers/kiln-cli.js';
import { ensureTestOsIso, TESTOS_TEMPLATE } from '../test/integration/helpers/testos.js';

const ROUNDS = Number(process.env.KILN_BENCH_ROUNDS ?? 2);
let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-bench-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function build(name: string, cache: boolean): Promise<{ seconds: number; output: string }> {
  const out = join(dir, name);
  const args = ['build', ...(cache ? ['-cache'] : []), '-var', `marker=${name}`];
  const started = process.hrtime.bigint();
  const run = await runKiln([...args, '-var', `output_directory=${out}`, TESTOS_TEMPLATE], {
    env: { KILN_CACHE_DIR: join(dir, 'cache') },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect(run.exitCode, run.output).toBe(0);
  await rm(out, { recursive: true, force: true });
  return { seconds, output: run.output };
}

describe('test OS: cold build vs -cache rebuild after changing the last provisioner', () => {
  it('alternating A B A B', async () => {
    const warm = await build('warm-up', true);
    console.log(`warm-up -cache build (records the install): ${warm.seconds.toFixed(1)} s`);
    const rows: { cold: number; cached: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const cold = await build(`cold-${round}`, false);
      const cached = await build(`cached-${round}`, true);
      expect(cached.output).toMatch(/Resuming from cache: install \(saved/);
      rows.push({ cold: cold.seconds, cached: cached.seconds });
      console.log(
        `round ${round}: cold ${cold.seconds.toFixed(1)} s, -cache ${cached.seconds.toFixed(1)} s, ratio ${(cached.seconds / cold.seconds).toFixed(3)}`,
      );
    }
    const ratios = rows.map((r) => r.cached / r.cold).sort((a, b) => a - b);
    const total = (key: 'cold' | 'cached') => rows.reduce((sum, r) => sum + r[key], 0);
    const each = ratios.map((r) => r.toFixed(3)).join(', ');
    console.log(
      `ratios -cache/cold: ${each}; of the sums ${(total('cached') / total('cold')).toFixed(3)} (goal <= 0.2)`,
    );
    expect(ratios.length).toBe(ROUNDS);
  });
});
