// iso_checksum "file:…" sources: local files checked at load, remote ones fetched by the builder's check.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkChecksumFile } from '../../src/builders/qemu/config/check-checksum-file.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
let server: Server | undefined;
afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

async function serve(body: string, status = 200): Promise<string> {
  server = createServer((_req, res) => {
    res.statusCode = status;
    res.end(body);
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const load = async (builder: Record<string, unknown>) =>
  resolveBuilds(
    await loadTemplate(tmp.write('t.json', { builders: [{ ...QEMU, ...builder }] }), { cwd: tmp.dir() }),
  );

describe('checksum files', () => {
  it('rejects a missing local checksum file, naming the path (also via deprecated iso_checksum_url)', async () => {
    const error = await templateFailure(load({ iso_checksum_url: 'SUMS', iso_checksum_type: 'sha256' }));
    expect(error.message).toMatch(/checksum file .*SUMS does not exist \(from iso_checksum "file:SUMS"\)/);
  });

  it('fetches remote checksum files and names the URL and the reason when that fails', async () => {
    const base = await serve('missing', 404);
    const builds = await load({ iso_url: `${base}/d.iso`, iso_checksum: `file:${base}/SUMS` });
    const problems = await checkChecksumFile(builds[0]!.config, {
      cwd: tmp.dir(),
      signal: AbortSignal.timeout(5000),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${base}/SUMS: HTTP 404`);
  });

  it('accepts a remote checksum file that lists the ISO', async () => {
    const base = await serve(`${'a'.repeat(64)}  d.iso\n`);
    const builds = await load({ iso_url: `${base}/d.iso`, iso_checksum: `file:${base}/SUMS` });
    expect(
      await checkChecksumFile(builds[0]!.config, { cwd: tmp.dir(), signal: AbortSignal.timeout(5000) }),
    ).toEqual([]);
  });
});
