// `kiln build` run the way CI runs it (the real built CLI): stdin closed, stdout read by a reader that quits
// early, a signal mid-download. Each must end with exit code 1, say why, and leave no output directory or
// partial download behind.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './iso-fixtures.js';

const KILN = resolve(import.meta.dirname, '../../bin/kiln.js');
const ISO = Buffer.alloc(256 * 1024, 7);
const WRONG_CHECKSUM = `sha256:${'0'.repeat(64)}`;
let dir: string;
let server: FixtureServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-cli-interrupt-'));
  await writeFile(join(dir, 'tiny.iso'), 'not really an ISO');
  server = await startFixtureServer({
    '/stall.iso': { stallAfter: 1024, body: ISO },
    '/slow.iso': { delayMs: 1500, body: ISO },
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A one-builder template whose ISO step fails (or hangs) without starting QEMU. */
async function template(name: string, isoUrl: string): Promise<string> {
  const path = join(dir, `${name}.json`);
  const builder = {
    type: 'qemu',
    iso_url: isoUrl,
    iso_checksum: WRONG_CHECKSUM,
    ssh_username: 'root',
    output_directory: `out-${name}`,
  };
  await writeFile(path, JSON.stringify({ builders: [builder] }));
  return path;
}

const env = (name: string) => ({ CI: 'true', KILN_CACHE_DIR: join(dir, `cache-${name}`) });

async function leftovers(name: string): Promise<string[]> {
  const cache = join(dir, `cache-${name}`);
  const parts = existsSync(cache) ? await readdir(cache) : [];
  return [...(existsSync(join(dir, `out-${name}`)) ? [`out-${name}`] : []), ...parts];
}

describe('kiln build without a terminal on stdin', () => {
  for (const [name, flag, why] of [
    ['ask', '-on-error=ask', '-on-error=ask: stdin is not a terminal, so Kiln cannot ask'],
    ['debug', '-debug', '-debug: stdin is not a terminal, so Kiln cannot pause'],
  ] as const) {
    it(`${flag} says why it cannot ask, then cleans up as -on-error=cleanup`, async () => {
      const path = await template(name, 'tiny.iso');
      const run = await execa('node', [KILN, 'build', flag, path], {
        cwd: dir,
        env: env(name),
        stdin: 'ignore',
        reject: false,
        all: true,
      });
      expect(run.exitCode).toBe(1);
      expect(run.all).toContain(why);
      expect(run.all).toContain('checksum mismatch');
      expect(run.all).toContain("Some builds didn't complete successfully");
      expect(await leftovers(name)).toEqual([]);
    });
  }
});

/** Starts `kiln build`, reading stdout until `until` appears; then `act` runs. Resolves with the result. */
function runUntil(
  args: string[],
  name: string,
  until: string,
  act: (child: ReturnType<typeof spawn>) => void,
) {
  const child = spawn('node', [KILN, ...args], { cwd: dir, env: { ...process.env, ...env(name) } });
  let stdout = '';
  let stderr = '';
  let acted = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!acted && stdout.includes(until)) {
      acted = true;
      act(child);
    }
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`kiln did not exit; stdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('kiln build interrupted', () => {
  for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) {
    it(`${signal} mid-download cancels, cleans up and exits 1`, async () => {
      const name = `signal-${signal}`;
      const path = await template(name, `${server.base}/stall.iso`);
      const run = await runUntil(['build', path], name, 'Trying', (child) => {
        // Give the download a moment to write its partial file.
        setTimeout(() => child.kill(signal), 300);
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${signal} received: cancelling the build and cleaning up`);
      expect(run.stdout).toContain('Cleanly cancelled builds after being interrupted.');
      expect(await leftovers(name)).toEqual([]);
    });
  }

  it('a reader that closes stdout early (| head -1) never skips cleanup or prints a stack trace', async () => {
    const name = 'epipe';
    const path = await template(name, `${server.base}/slow.iso`);
    const run = await runUntil(['build', '-machine-readable', path], name, '\n', (child) => {
      child.stdout?.destroy();
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('standard output was closed: cancelling the build and cleaning up');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await leftovers(name)).toEqual([]);
  });
});

describe('commands whose output is cut short', () => {
  it('kiln inspect | head -1 exits 0 without a stack trace', async () => {
    const path = await template('inspect', 'tiny.iso');
    const run = await runUntil(['inspect', path], 'inspect', '\n', (child) => child.stdout?.destroy());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
