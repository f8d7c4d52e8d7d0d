// acquireIso against a real HTTP server on 127.0.0.1: downloads, checksums, cache, local files, abort.
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BufferUi } from '../../src/core/ui.js';
import { acquireIso, type Checksum, cacheFileName } from '../../src/iso/index.js';
import { type FixtureServer, type IsoFixture, makeIsoFixture, startFixtureServer } from './iso-fixtures.js';

let iso: IsoFixture;
let server: FixtureServer;
let cacheDir: string;
let good: Checksum;
const wrong: Checksum = { algorithm: 'sha256', hex: '0'.repeat(64) };
const signal = new AbortController().signal;

beforeAll(async () => {
  iso = await makeIsoFixture();
  good = { algorithm: 'sha256', hex: iso.sha256 };
  server = await startFixtureServer({
    '/debian.iso': { body: iso.data },
    '/mirror2/debian.iso': { body: iso.data },
    '/stall.iso': { stallAfter: 1024 * 1024, body: iso.data },
    '/broken.iso': { status: 500 },
  });
});

afterAll(async () => {
  await server.close();
  await iso.cleanup();
});

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'kiln-cache-'));
  return () => rm(cacheDir, { recursive: true, force: true });
});

describe('acquireIso over HTTP', () => {
  it('downloads, verifies, names the file like Packer and reports progress', async () => {
    const seen: [number, number | undefined][] = [];
    const ui = new BufferUi();
    const result = await acquireIso({
      urls: [`${server.base}/debian.iso`],
      checksum: good,
      cacheDir,
      signal,
      ui,
      progress: (done, total) => seen.push([done, total]),
    });
    expect(result).toEqual({
      path: join(cacheDir, cacheFileName(good, '')),
      cached: false,
      downloaded: true,
    });
    expect((await readFile(result.path)).equals(iso.data)).toBe(true);
    expect(await readdir(cacheDir)).toEqual([cacheFileName(good, '')]);
    expect(seen.at(-1)).toEqual([iso.data.length, iso.data.length]);
    expect(seen.length).toBeGreaterThan(1);
    expect(ui.text()).toContain(`Trying ${server.base}/debian.iso`);
  });

  it('rejects a mismatch, removes the partial file and leaves the cache empty', async () => {
    const error = await acquireIso({
      urls: [`${server.base}/debian.iso`],
      checksum: wrong,
      cacheDir,
      signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'checksum-mismatch',
      message: `checksum mismatch for ${server.base}/debian.iso: expected sha256:${wrong.hex}, got sha256:${iso.sha256}`,
    });
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('names the URL and status on 404 and 500', async () => {
    await expect(
      acquireIso({ urls: [`${server.base}/nope.iso`], checksum: good, cacheDir, signal }),
    ).rejects.toMatchObject({
      code: 'http-status',
      message: `could not download ${server.base}/nope.iso: HTTP 404 Not Found`,
    });
    await expect(
      acquireIso({ urls: [`${server.base}/broken.iso`], checksum: good, cacheDir, signal }),
    ).rejects.toThrow(/broken\.iso: HTTP 500/);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('falls through to the second URL after the first fails', async () => {
    const result = await acquireIso({
      urls: [`${server.base}/missing.iso`, `${server.base}/mirror2/debian.iso`],
      checksum: good,
      cacheDir,
      signal,
    });
    expect(result.downloaded).toBe(true);
    expect(server.hits('/missing.iso')).toBeGreaterThan(0);
  });

  it('names every failed URL when all fail', async () => {
    const error = await acquireIso({
      urls: [`${server.base}/missing.iso`, 'http://127.0.0.1:1/refused.iso', `${server.base}/debian.iso`],
      checksum: wrong,
      cacheDir,
      signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'iso-unavailable' });
    const message = (error as Error).message;
    expect(message).toContain('any of 3 URLs');
    expect(message).toContain('missing.iso: could not download');
    expect(message).toContain('refused.iso: could not download http://127.0.0.1:1/refused.iso');
    expect(message).toContain('debian.iso: checksum mismatch');
  });

  it('reuses a verified cached file without a second request', async () => {
    const url = `${server.base}/debian.iso`;
    const first = await acquireIso({ urls: [url], checksum: good, cacheDir, signal });
    const before = server.hits('/debian.iso');
    const ui = new BufferUi();
    const second = await acquireIso({ urls: [url], checksum: good, cacheDir, signal, ui });
    expect(second).toEqual({ path: first.path, cached: true, downloaded: false });
    expect(server.hits('/debian.iso')).toBe(before);
    expect(ui.text()).toContain('using cached ISO');
  });

  it('lets two concurrent acquisitions share the cache without corrupting it', async () => {
    const options = { urls: [`${server.base}/debian.iso`], checksum: good, cacheDir, signal };
    const [a, b] = await Promise.all([acquireIso(options), acquireIso(options)]);
    expect(a.path).toBe(b.path);
    expect((await readFile(a.path)).equals(iso.data)).toBe(true);
    expect(await readdir(cacheDir)).toEqual([cacheFileName(good, '')]);
  });

  it('downloads with checksum none under sha1(url)', async () => {
    const url = `${server.base}/debian.iso`;
    const result = await acquireIso({ urls: [url], checksum: 'none', cacheDir, signal });
    expect(result.path).toBe(join(cacheDir, cacheFileName('none', url)));
  });

  it('aborting mid-download rejects and leaves no .part file', async () => {
    const controller = new AbortController();
    let partsSeen: string[] = [];
    const pending = acquireIso({
      urls: [`${server.base}/stall.iso`],
      checksum: good,
      cacheDir,
      signal: controller.signal,
      // Abort once bytes have arrived: the .part file exists at that point.
      progress: (done) => {
        if (done >= 1024 * 1024 && !controller.signal.aborted) {
          partsSeen = readdirSync(cacheDir).filter((name) => name.endsWith('.part'));
          controller.abort();
        }
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(partsSeen).toHaveLength(1);
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

describe('acquireIso with local files', () => {
  it('uses a local path in place after verifying it', async () => {
    const result = await acquireIso({ urls: [iso.isoPath], checksum: good, cacheDir, signal });
    expect(result).toEqual({ path: iso.isoPath, cached: false, downloaded: false });
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('accepts file:// URLs and relative paths', async () => {
    const byUrl = await acquireIso({
      urls: [pathToFileURL(iso.isoPath).href],
      checksum: good,
      cacheDir,
      signal,
    });
    expect(byUrl.path).toBe(iso.isoPath);
    const relative = await acquireIso({
      urls: ['debian-12.5.0-amd64-netinst.iso'],
      checksum: good,
      cacheDir,
      baseDir: iso.dir,
      signal,
    });
    expect(relative.path).toBe(iso.isoPath);
  });

  it('verifies md5 too, and rejects a local mismatch naming the path', async () => {
    await acquireIso({ urls: [iso.isoPath], checksum: { algorithm: 'md5', hex: iso.md5 }, cacheDir, signal });
    await expect(
      acquireIso({ urls: [iso.isoPath], checksum: wrong, cacheDir, signal }),
    ).rejects.toMatchObject({
      code: 'checksum-mismatch',
      message: expect.stringContaining(`checksum mismatch for ${iso.isoPath}`),
    });
  });

  it('says when a local ISO does not exist', async () => {
    await expect(
      acquireIso({ urls: [join(iso.dir, 'nope.iso')], checksum: good, cacheDir, signal }),
    ).rejects.toMatchObject({
      code: 'iso-not-found',
    });
  });

  it('rejects schemes it cannot fetch', async () => {
    await expect(
      acquireIso({ urls: ['s3://bucket/x.iso'], checksum: good, cacheDir, signal }),
    ).rejects.toMatchObject({
      code: 'bad-url',
      message: expect.stringContaining('"s3"'),
    });
  });
});
