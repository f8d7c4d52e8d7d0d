// Cold build vs -cache rebuild after changing only the last provisioner, on templates/testos.json (its one
// provisioner writes `marker` into the image: a new -var marker=… is a changed last provisioner); the rounds
// are bench/helpers/cache-rounds.ts's. Run on demand, under the VM lock:
//   flock /tmp/kiln-vm.lock npx vitest run --project bench bench/snapshot-cache.bench.test.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureTestOsIso, TESTOS_TEMPLATE } from '../test/integration/helpers/testos.js';
import { coldVersusCached } from './helpers/cache-rounds.js';

let dir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-bench-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('test OS: cold build vs -cache rebuild after changing the last provisioner', () => {
  it('alternating A B A B', async () => {
    await coldVersusCached({
      dir,
      args: async (marker, out) => [
        '-var',
        `marker=${marker}`,
        '-var',
        `output_directory=${out}`,
        TESTOS_TEMPLATE,
      ],
      resumed: /Resuming from cache: install \(saved/,
    });
  });
});
