// Issue 11's benchmark on templates/debian12-jeos.json (BIOS: -cache refuses efi_boot builds): cold build vs
// -cache rebuild after changing only the last provisioner, rounds as in bench/helpers/cache-rounds.ts. The
// template has one shell provisioner (minimize, slim, generalize); each build runs a temporary copy of it with a
// marker provisioner appended whose text names the build, so only that last provisioner changes between builds
// and templates/ stays what users get. Run on demand, under the VM lock (after `npm run jeos:prep`):
//   flock /tmp/kiln-vm.lock npx vitest run --project bench bench/snapshot-cache-jeos.bench.test.ts
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureJeosInputs, JEOS_TEMPLATE } from '../test/integration/helpers/jeos.js';
import { coldVersusCached } from './helpers/cache-rounds.js';

let dir: string;

beforeAll(async () => {
  await ensureJeosInputs();
  dir = await mkdtemp(join(tmpdir(), 'kiln-bench-cache-jeos-'));
}, 1_800_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The template with a last provisioner that writes `marker` into the image. */
async function templateWithMarker(marker: string): Promise<string> {
  const template = JSON.parse(readFileSync(JEOS_TEMPLATE, 'utf8')) as { provisioners: unknown[] };
  template.provisioners.push({
    type: 'shell',
    inline: [`echo '${marker}' | sudo -n tee /etc/kiln-bench-marker`],
  });
  const path = join(dir, `debian12-jeos-${marker}.json`);
  await writeFile(path, JSON.stringify(template, null, 2));
  return path;
}

describe('Debian 12 JeOS: cold build vs -cache rebuild after changing the last provisioner', () => {
  it('alternating A B A B', async () => {
    await coldVersusCached({
      dir,
      args: async (marker, out) => [
        '-only=debian12-jeos-bios',
        ...['-var', `output_directory=${out}`],
        await templateWithMarker(marker),
      ],
      // Resumed after the template's own provisioner: only the marker runs again.
      resumed: /Resuming from cache: install \+ 1 provisioner \(saved/,
      timeoutMs: 1_200_000,
    });
  });
});
