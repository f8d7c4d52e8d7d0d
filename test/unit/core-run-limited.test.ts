import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runLimited } from '../../src/core/run-limited.js';

async function peak(limit: number, count: number): Promise<{ peak: number; results: number[] }> {
  let running = 0;
  let highest = 0;
  const results = await runLimited(
    Array.from({ length: count }, (_, i) => i),
    limit,
    async (i) => {
      running++;
      highest = Math.max(highest, running);
      await sleep(10 + (count - i));
      running--;
      return i * 10;
    },
  );
  return { peak: highest, results };
}

describe('runLimited (-parallel-builds)', () => {
  it('0 runs everything at once', async () => {
    expect((await peak(0, 4)).peak).toBe(4);
  });

  it('never runs more than the limit, and keeps the input order in the results', async () => {
    const { peak: highest, results } = await peak(2, 5);
    expect(highest).toBe(2);
    expect(results).toEqual([0, 10, 20, 30, 40]);
  });

  it('1 is sequential', async () => {
    expect((await peak(1, 3)).peak).toBe(1);
  });
});
