// Download faults against a real HTTP server on 127.0.0.1: a stalled server, a `.part` left by an earlier
// run (resumed with Range, or downloaded again when the server ignores Range or the `.part` is bad), and
// concurrent runs that share one download.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BufferUi } from '../../src/core/ui.js';
import {
  acquireIso,
  type Checksum,
  cacheFileName,
  findByteServingUrl,
  resolveChecksum,
  stallTimeoutFromEnv,
} from '../../src/iso/index.js';
import { type FixtureServer, type IsoFixture, makeIsoFixture, startFixtureServer } from './iso-fixtures.js';

const MiB = 1024 * 1024;
const STALL_MS = 400;
const signal = new AbortController().signal;
let iso: IsoFixture;
let server: FixtureServer;
let good: Checksum;
let cacheDir: string;
let target: string;

beforeAll(async () => {
  iso = await makeIsoFixture();
  good = { algorithm: 'sha256', hex: iso.sha256 };
  server = await startFixtureServer({
    '/stall.iso': { stallAfter: MiB, body: iso.data },
    '/hang.iso': { hang: true },
    '/hang.sums': { hang: true },
    '/ranges.iso': { body: iso.data, ranges: true },
    '/no-ranges.iso': { body: iso.data },
    '/slow.iso': { delayMs: 250, body: iso.data },
  });
});

afterAll(async () => {
  await server.close();
  await iso.cleanup();
});

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'kiln-faults-'));
  target = join(cacheDir, cacheFileName(good, ''));
  return () => rm(cacheDir, { recursive: true, force: true });
});

const get = (paths: string[], ui = new BufferUi()) =>
  acquireIso({
    urls: paths.map((path) => `${server.base}${path}`),
    checksum: good,
    cacheDir,
    signal,
    ui,
    stallTimeoutMs: STALL_MS,
  });

/** The Range headers of the requests `act` caused (the server is shared by all tests). */
async function rangesDuring(path: string, act: () => Promise<unknown>): Promise<(string | undefined)[]> {
  const before = server.ranges(path).length;
  await act();
  return server.ranges(path).slice(before);
}

async function expectVerifiedCache(path: string): Promise<void> {
  expect(path).toBe(target);
  expect((await readFile(path)).equals(iso.data)).toBe(true);
  // No .part and no .lock left: only the ISO.
  expect(await readdir(cacheDir)).toEqual([cacheFileName(good, '')]);
}

describe('a stalled download', () => {
  it('says it is stalled, gives up after the stall timeout and resumes from the next URL', async () => {
    const ui = new BufferUi();
    const started = Date.now();
    const ranges = await rangesDuring('/ranges.iso', async () => {
      await expectVerifiedCache((await get(['/stall.iso', '/ranges.iso'], ui)).path);
    });
    expect(Date.now() - started).toBeLessThan(STALL_MS + 1500);
    const text = ui.text();
    expect(text).toMatch(/downloading \S+\/stall\.iso: stalled, no data for \d+ms \(gives up after 400ms/);
    expect(text).toContain(
      `stall.iso: download of ${server.base}/stall.iso stalled: no data for 400ms (after ${MiB} bytes)`,
    );
    // The first URL's megabyte was kept and the second URL sent only the rest.
    expect(ranges).toEqual([`bytes=${MiB}-`]);
  });

  it('gives up on a server that accepts and never answers, naming the knob', async () => {
    const ui = new BufferUi();
    const error = await get(['/hang.iso'], ui).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'download-stalled',
      message: `download of ${server.base}/hang.iso stalled: no data for 400ms (after 0 bytes)`,
      hint: expect.stringContaining('KILN_DOWNLOAD_STALL_TIMEOUT'),
    });
    expect(ui.text()).toMatch(/hang\.iso: stalled, no data for \d+ms/);
  });

  it('bounds the SUMS file of iso_checksum "file:" and iso_skip_cache\'s HEAD by the stall timeout too', async () => {
    const started = Date.now();
    await expect(
      resolveChecksum(`file:${server.base}/hang.sums`, {
        isoUrl: `${server.base}/x.iso`,
        baseDir: cacheDir,
        signal,
        stallTimeoutMs: STALL_MS,
      }),
    ).rejects.toMatchObject({
      code: 'download-stalled',
      message: `checksum file ${server.base}/hang.sums stalled: no data for 400ms`,
    });
    // The HEAD of a hanging server stalls; the next URL answers and is used.
    const urls = [`${server.base}/hang.iso`, `${server.base}/ranges.iso`];
    expect(await findByteServingUrl(urls, signal, STALL_MS)).toBe(urls[1]);
    await expect(findByteServingUrl(urls.slice(0, 1), signal, STALL_MS)).rejects.toThrow(
      `${server.base}/hang.iso: HEAD ${server.base}/hang.iso stalled: no data for 400ms`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reads KILN_DOWNLOAD_STALL_TIMEOUT as a Go duration and refuses nonsense', () => {
    expect(stallTimeoutFromEnv({})).toBe(60_000);
    expect(stallTimeoutFromEnv({ KILN_DOWNLOAD_STALL_TIMEOUT: '1m30s' })).toBe(90_000);
    for (const bad of ['90', 'soon', '0s', '-5s', '10m']) {
      expect(() => stallTimeoutFromEnv({ KILN_DOWNLOAD_STALL_TIMEOUT: bad })).toThrow(
        /KILN_DOWNLOAD_STALL_TIMEOUT=".*" is not a duration between 1ms and 5m/,
      );
    }
  });
});

describe('a .part left by an earlier run', () => {
  it('is resumed with a Range request and verified at the end', async () => {
    await writeFile(`${target}.part`, iso.data.subarray(0, MiB));
    const ui = new BufferUi();
    const seen: [number, number | undefined][] = [];
    const ranges = await rangesDuring('/ranges.iso', async () => {
      const result = await acquireIso({
        urls: [`${server.base}/ranges.iso`],
        checksum: good,
        cacheDir,
        signal,
        ui,
        progress: (done, total) => seen.push([done, total]),
      });
      await expectVerifiedCache(result.path);
    });
    expect(ranges).toEqual([`bytes=${MiB}-`]);
    expect(ui.text()).toContain(`resuming the partial download ${target}.part from byte ${MiB}`);
    expect(seen.at(-1)).toEqual([iso.data.length, iso.data.length]);
  });

  it('is replaced by the whole file when the server ignores Range', async () => {
    await writeFile(`${target}.part`, iso.data.subarray(0, MiB));
    const ui = new BufferUi();
    const ranges = await rangesDuring('/no-ranges.iso', async () => {
      await expectVerifiedCache((await get(['/no-ranges.iso'], ui)).path);
    });
    expect(ranges).toEqual([`bytes=${MiB}-`]);
    expect(ui.text()).toContain('the server ignored the Range request; downloading');
  });

  it('is downloaded again in full when the resumed file does not verify', async () => {
    await writeFile(`${target}.part`, Buffer.alloc(MiB, 1));
    const ui = new BufferUi();
    const ranges = await rangesDuring('/ranges.iso', async () => {
      await expectVerifiedCache((await get(['/ranges.iso'], ui)).path);
    });
    expect(ranges).toEqual([`bytes=${MiB}-`, undefined]);
    expect(ui.text()).toContain('the resumed download does not match the checksum');
  });

  it('is downloaded again in full when it is longer than the file (416)', async () => {
    await writeFile(`${target}.part`, Buffer.concat([iso.data, Buffer.alloc(10)]));
    const ui = new BufferUi();
    const ranges = await rangesDuring('/ranges.iso', async () => {
      await expectVerifiedCache((await get(['/ranges.iso'], ui)).path);
    });
    expect(ranges).toEqual([`bytes=${iso.data.length + 10}-`, undefined]);
    expect(ui.text()).toContain(`the server has no bytes from ${iso.data.length + 10} on`);
  });
});

describe('concurrent cold-cache runs', () => {
  it('download once: the others wait for the first and use its verified file', async () => {
    const uis = [new BufferUi(), new BufferUi(), new BufferUi()];
    const results = await Promise.all(uis.map((ui) => get(['/slow.iso'], ui)));
    expect(server.ranges('/slow.iso')).toEqual([undefined]);
    for (const result of results) await expectVerifiedCache(result.path);
    expect(results.filter((r) => r.downloaded)).toHaveLength(1);
    expect(results.filter((r) => r.cached)).toHaveLength(2);
    // The two that did not download said they were waiting for the one that did.
    const waiting = uis.filter((ui) => ui.text().includes('waiting for another kiln ('));
    expect(waiting).toHaveLength(2);
  });
});
