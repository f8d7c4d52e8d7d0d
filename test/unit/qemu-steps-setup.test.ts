// The QEMU build's first steps with a FakeQemuDriver: output directory, ISO, work dir, HTTP server, accelerator.
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireIso } from '../../src/builders/qemu/steps/acquire-iso.js';
import { chooseAccelerator } from '../../src/builders/qemu/steps/choose-accelerator.js';
import { createWorkDir } from '../../src/builders/qemu/steps/create-work-dir.js';
import { prepareOutputDir } from '../../src/builders/qemu/steps/prepare-output-dir.js';
import { startHttpServer } from '../../src/builders/qemu/steps/start-http-server.js';
import { KilnError } from '../../src/core/errors.js';
import type { Outcome } from '../../src/core/runner.js';
import { aborted, runAndCleanUp, useStepHarness } from './qemu-step-harness.js';

const harness = useStepHarness();
const never = new AbortController().signal;

describe('prepare-output-dir', () => {
  it('creates output_directory and records its absolute path; success keeps it', async () => {
    const { ctx, dir } = harness();
    const step = prepareOutputDir();
    await step.run(ctx, never);
    expect(ctx.state.outputDir).toBe(join(dir, 'output'));
    expect(existsSync(join(dir, 'output'))).toBe(true);
    await step.cleanup?.(ctx, { outcome: 'success', signal: never });
    expect(existsSync(join(dir, 'output'))).toBe(true);
  });

  it.each<Outcome>(['failed', 'cancelled'])(
    'removes the directory it made when the build %s',
    async (outcome) => {
      const { ctx, dir } = harness();
      const step = prepareOutputDir();
      await step.run(ctx, never);
      await writeFile(join(dir, 'output', 'disk.kiln-partial'), 'x');
      await step.cleanup?.(ctx, { outcome, signal: never });
      expect(existsSync(join(dir, 'output'))).toBe(false);
    },
  );

  it('refuses an existing directory without -force, and its own failure leaves that directory alone', async () => {
    const { ctx, dir } = harness();
    await mkdir(join(dir, 'output'));
    await writeFile(join(dir, 'output', 'precious'), 'x');
    const error = await runAndCleanUp(prepareOutputDir(), ctx, 'failed');
    expect(error).toMatchObject({ code: 'output-exists' });
    expect(ctx.state.outputDir).toBeUndefined();
    expect(await readdir(join(dir, 'output'))).toEqual(['precious']);
  });

  it('replaces an existing directory with -force (the old one waits aside: output-dir-safety.test.ts)', async () => {
    const { ctx, dir } = harness({ force: true });
    await mkdir(join(dir, 'output'));
    await writeFile(join(dir, 'output', 'old'), 'x');
    await prepareOutputDir().run(ctx, never);
    expect(await readdir(join(dir, 'output'))).toEqual(['.kiln-run.json']);
  });
});

describe('acquire-iso', () => {
  it('uses a local ISO in place after verifying its checksum; a mismatch records nothing', async () => {
    const { dir } = harness();
    const iso = join(dir, 'installer.iso');
    await writeFile(iso, 'iso bytes');
    const verified = harness({
      config: {
        iso_url: iso,
        iso_checksum: 'sha256:c33737f8d6b7fd4311c76e8aeb8c1d5faaef3d19b814cbc1288e452bcbe78cff',
      },
    });
    await acquireIso().run(verified.ctx, never);
    expect(verified.ctx.state.isoPath).toBe(iso);
    expect(verified.driver.calls).toEqual([]);

    const wrong = harness({ config: { iso_url: iso, iso_checksum: `sha256:${'0'.repeat(64)}` } });
    expect(await runAndCleanUp(acquireIso(), wrong.ctx, 'failed')).toBeInstanceOf(KilnError);
    expect(wrong.ctx.state.isoPath).toBeUndefined();

    const unchecked = harness({ config: { iso_url: iso, iso_checksum: 'none' } });
    await acquireIso().run(unchecked.ctx, never);
    expect(unchecked.ctx.state.isoPath).toBe(iso);
    expect(unchecked.ui.text()).toContain('the ISO is not verified');
  });

  it('stops at once when the build is cancelled', async () => {
    const { dir } = harness();
    const iso = join(dir, 'installer.iso');
    await writeFile(iso, 'iso bytes');
    const cancelled = harness({ config: { iso_url: iso, iso_checksum: 'none' } });
    await expect(acquireIso().run(cancelled.ctx, aborted())).rejects.toThrow();
    expect(cancelled.ctx.state.isoPath).toBeUndefined();
  });

  describe('iso_skip_cache', () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    });
    const serve = async (ranges: boolean): Promise<string> => {
      server = createServer((req, res) => {
        res.writeHead(req.url === '/missing.iso' ? 404 : 200, ranges ? { 'Accept-Ranges': 'bytes' } : {});
        res.end();
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };

    it('hands QEMU the first URL whose server serves byte ranges, downloading nothing', async () => {
      const base = await serve(true);
      const { ctx } = harness({
        config: {
          iso_url: undefined,
          iso_urls: [`${base}/missing.iso`, `${base}/ok.iso`],
          iso_skip_cache: true,
        },
      });
      await acquireIso().run(ctx, never);
      expect(ctx.state.isoPath).toBe(`${base}/ok.iso`);
      expect(existsSync(ctx.cacheDir)).toBe(false);
    });

    it("fails with Packer's message when no server serves byte ranges", async () => {
      const base = await serve(false);
      const { ctx } = harness({ config: { iso_url: `${base}/ok.iso`, iso_skip_cache: true } });
      await expect(acquireIso().run(ctx, never)).rejects.toThrow(/No byte serving support/);
      expect(ctx.state.isoPath).toBeUndefined();
    });
  });
});

describe('create-work-dir', () => {
  it.each<Outcome>(['success', 'failed', 'cancelled'])(
    'makes a private dir; cleanup (%s) removes it',
    async (outcome) => {
      const { ctx } = harness();
      const step = createWorkDir();
      await step.run(ctx, never);
      const workDir = ctx.state.workDir as string;
      expect(existsSync(workDir)).toBe(true);
      await step.cleanup?.(ctx, { outcome, signal: never });
      expect(existsSync(workDir)).toBe(false);
    },
  );
});

describe('start-http-server', () => {
  it('starts no server without http_directory or http_content', async () => {
    const { ctx } = harness();
    await startHttpServer().run(ctx, never);
    expect(ctx.state.http).toBeUndefined();
  });

  it.each<Outcome>(['success', 'failed', 'cancelled'])(
    'serves http_directory on http_bind_address and logs requests; cleanup (%s) stops it',
    async (outcome) => {
      const { dir } = harness();
      await mkdir(join(dir, 'http'));
      await writeFile(join(dir, 'http', 'preseed.cfg'), 'd-i');
      const served = harness({ config: { http_directory: join(dir, 'http') } });
      const step = startHttpServer();
      await step.run(served.ctx, never);
      const http = served.ctx.state.http;
      expect(http?.host).toBe('127.0.0.1');
      const url = `http://127.0.0.1:${http?.port}/preseed.cfg`;
      expect(await (await fetch(url)).text()).toBe('d-i');
      await vi.waitFor(() => expect(served.ui.text()).toContain('HTTP GET /preseed.cfg -> 200'));
      await step.cleanup?.(served.ctx, { outcome, signal: never });
      await expect(fetch(url)).rejects.toThrow();
    },
  );
});

describe('choose-accelerator', () => {
  it('asks the driver and records its choice', async () => {
    const { ctx, driver, ui } = harness({ config: { accelerator: 'auto' } });
    await chooseAccelerator().run(ctx, never);
    expect(driver.calls).toEqual([{ method: 'chooseAccelerator', requested: 'auto' }]);
    expect(ctx.state.accelerator).toBe('tcg');
    expect(ui.text()).toContain('Using accelerator tcg: scripted by the test');
  });

  it('warns when there is no acceleration', async () => {
    const { ctx, driver, ui } = harness({ config: { accelerator: 'none' } });
    driver.accelerator = { accelerator: 'none', reason: 'set by the template' };
    await chooseAccelerator().run(ctx, never);
    expect(ui.text()).toContain('WARNING: no hardware acceleration');
  });

  it('records nothing when cancelled', async () => {
    const { ctx } = harness();
    await expect(chooseAccelerator().run(ctx, aborted())).rejects.toThrow();
    expect(ctx.state.accelerator).toBeUndefined();
  });
});
