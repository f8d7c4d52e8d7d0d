// The cache across processes: a Kiln SIGKILLed while it holds the lock must not block the others, and one
// SIGKILLed mid-download leaves a `.part` that the next run resumes; a cancelled wait ends at once. The
// other Kiln is a real child process running the built code (dist/).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { BufferUi } from '../../src/core/ui.js';
import { acquireCacheLock } from '../../src/iso/cache-lock.js';
import { acquireIso, type Checksum, cacheFileName } from '../../src/iso/index.js';
import { type FixtureServer, type IsoFixture, makeIsoFixture, startFixtureServer } from './iso-fixtures.js';

const DIST = resolve(import.meta.dirname, '../../dist/iso');
const MiB = 1024 * 1024;
let iso: IsoFixture;
let server: FixtureServer;
let good: Checksum;
let cacheDir: string;
let lockPath: string;

beforeAll(async () => {
  iso = await makeIsoFixture();
  good = { algorithm: 'sha256', hex: iso.sha256 };
  server = await startFixtureServer({
    '/debian.iso': { body: iso.data },
    '/stall.iso': { stallAfter: MiB, body: iso.data },
    '/ranges.iso': { body: iso.data, ranges: true },
  });
});

afterAll(async () => {
  await server.close();
  await iso.cleanup();
});

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'kiln-lock-'));
  lockPath = `${join(cacheDir, cacheFileName(good, ''))}.lock`;
  return () => rm(cacheDir, { recursive: true, force: true });
});

/** Another Kiln: a node process running `script` (ES module, `dist` is the built src/iso) until killed. */
async function startKiln(script: string, ready: string, ...args: string[]): Promise<ChildProcess> {
  expect(existsSync(DIST), 'run `npm run build` first').toBe(true);
  const source = `const dist = ${JSON.stringify(pathToFileURL(DIST).href)};\n${script}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source, ...args], { stdio: 'pipe' });
  await new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes(ready) && done());
    child.once('exit', (code) => fail(new Error(`the other kiln exited with ${code}`)));
  });
  return child;
}

const HOLD_LOCK = `const { acquireCacheLock } = await import(dist + '/cache-lock.js');
await acquireCacheLock(process.argv[1], { signal: new AbortController().signal });
console.log('locked');
setInterval(() => {}, 60_000);`;

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('a lock holder killed with SIGKILL does not block the next run', async () => {
  const holder = await startKiln(HOLD_LOCK, 'locked', lockPath);
  try {
    expect(await readFile(lockPath, 'utf8')).toBe(`kiln pid ${holder.pid} on ${hostname()}\n`);
    const ui = new BufferUi();
    const pending = acquireIso({
      urls: [`${server.base}/debian.iso`],
      checksum: good,
      cacheDir,
      signal: AbortSignal.timeout(10_000),
      ui,
    });
    await until(() => ui.text().includes(`waiting for another kiln (kiln pid ${holder.pid}`), 5_000);
    expect(server.hits('/debian.iso')).toBe(0);
    const killedAt = Date.now();
    holder.kill('SIGKILL');
    const result = await pending;
    expect(Date.now() - killedAt).toBeLessThan(2_000);
    expect(result.downloaded).toBe(true);
    expect((await readFile(result.path)).equals(iso.data)).toBe(true);
    expect(await readdir(cacheDir)).toEqual([cacheFileName(good, '')]);
  } finally {
    holder.kill('SIGKILL');
  }
});

it('a run SIGKILLed mid-download leaves a .part that the next run resumes with Range', async () => {
  const download = `const { acquireIso } = await import(dist + '/index.js');
const [url, cacheDir, hex] = process.argv.slice(1);
await acquireIso({ urls: [url], checksum: { algorithm: 'sha256', hex }, cacheDir, signal: new AbortController().signal,
  progress: (done) => done >= ${MiB} && console.log('bytes') });`;
  const killed = await startKiln(download, 'bytes', `${server.base}/stall.iso`, cacheDir, good.hex);
  killed.kill('SIGKILL');
  await new Promise((done) => killed.once('exit', done));
  const name = cacheFileName(good, '');
  expect((await readdir(cacheDir)).sort()).toEqual([`${name}.lock`, `${name}.part`]);
  // What reached the disk before the kill (the last chunks may not have).
  const kept = (await stat(join(cacheDir, `${name}.part`))).size;
  expect(kept).toBeGreaterThan(0);
  const ui = new BufferUi();
  const result = await acquireIso({
    urls: [`${server.base}/ranges.iso`],
    checksum: good,
    cacheDir,
    signal: AbortSignal.timeout(10_000),
    ui,
  });
  expect(server.ranges('/ranges.iso')).toEqual([`bytes=${kept}-`]);
  expect((await readFile(result.path)).equals(iso.data)).toBe(true);
  expect(ui.text()).toContain(`resuming the partial download ${join(cacheDir, name)}.part from byte ${kept}`);
  expect(await readdir(cacheDir)).toEqual([name]);
});

it('a cancelled wait ends at once, and the lock still works afterwards', async () => {
  const first = await acquireCacheLock(lockPath, { signal: new AbortController().signal });
  const controller = new AbortController();
  const waiting = acquireCacheLock(lockPath, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
  // The waiting shell (its arguments name the lock file) and its flock(1) are gone.
  await until(() => !execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(lockPath), 2_000);
  await first.release();
  expect(existsSync(lockPath)).toBe(false);
  const again = await acquireCacheLock(lockPath, { signal: new AbortController().signal });
  expect(again.waited).toBe(false);
  await again.release();
});

it('says every few seconds that it is still waiting', async () => {
  const first = await acquireCacheLock(lockPath, { signal: new AbortController().signal });
  const seen: [string, number][] = [];
  const second = acquireCacheLock(lockPath, {
    signal: new AbortController().signal,
    noticeEveryMs: 50,
    onWait: (holder, ms) => seen.push([holder, ms]),
  });
  setTimeout(() => void first.release(), 300);
  const lock = await second;
  expect(lock.waited).toBe(true);
  await lock.release();
  expect(seen[0]).toEqual([`kiln pid ${process.pid} on ${hostname()}`, 0]);
  expect(seen.length).toBeGreaterThanOrEqual(3);
  expect(seen[2]?.[1]).toBeGreaterThanOrEqual(100);
});
