// -console in a real browser (Debian's chromium, headless) against a real build of the test OS: the canvas
// shows what QEMU shows (checked against QMP screendumps), the log pane fills, view-only keys never reach
// the VM, the token guards page and WebSocket, and the page survives a reset and ends with the result.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { QmpClient } from '../../src/builders/qemu/qmp.js';
import { HAVE_CHROMIUM, launchChromium, MISSING_CHROMIUM, type TestBrowser } from './helpers/browser.js';
import { expectNothingLeftBehind } from './helpers/kiln-cli.js';
import { differingShare, litShare, type Picture, screendump } from './helpers/screendump.js';
import { ensureTestOsIso, REPO_ROOT } from './helpers/testos.js';
import { writeVariant } from './helpers/variant.js';

const cleanups: Array<() => Promise<unknown>> = [];
/** Where a slow VM test is, on stderr: a timeout then says which wait it was in. */
const phase = (text: string) => process.stderr.write(`live-console test: ${text}\n`);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe.runIf(!HAVE_CHROMIUM && process.env.CI)('live console in CI', () => {
  it('has chromium', () => {
    throw new Error(`${MISSING_CHROMIUM}: CI must run the browser tests`);
  });
});

describe.skipIf(!HAVE_CHROMIUM)(`kiln build -console (skipped without ${MISSING_CHROMIUM})`, () => {
  let dir: string;
  beforeAll(async () => {
    await ensureTestOsIso();
    dir = await mkdtemp(join(tmpdir(), 'kiln-console-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('view-only: screen as QEMU has it, log, keys ignored, token checked, reset survived, result shown', async () => {
    const qmpSocket = join(dir, 'user-qmp.sock');
    // boot_wait holds Kiln before its boot command: the boot menu (TIMEOUT 0) stays on screen meanwhile.
    const template = await writeVariant(dir, 'view-only', (builder) => {
      Object.assign(builder, { boot_wait: '10m', qmp_enable: true, qmp_socket_path: qmpSocket });
    });
    const kiln = startKiln([
      'build',
      '-console',
      '-var',
      `output_directory=${join(dir, 'out-view')}`,
      template,
    ]);
    const url = await kiln.waitFor(/Live console \(view-only\): (http:\S+)/);
    await kiln.waitFor(/Waiting 10m0?s? for boot/);
    phase('page open');
    const page = await openConsole(url);
    const qmp = await QmpClient.connect(qmpSocket, AbortSignal.timeout(30_000));
    cleanups.push(async () => qmp.close());
    const dump = () => screendump(qmp, join(dir, 'screen.ppm'));

    // The canvas and QEMU's own screendump agree on the boot menu.
    phase('comparing canvas with screendump');
    const menu = await untilCanvasMatches(page, dump, (p) => litShare(p) > 0.02);
    expect(await page.locator('#log').textContent()).toContain('==> qemu: Starting VM');
    await expectText(page, '.build .step', /type-boot-command \(\d+m?\d*s\)/);

    // View-only: keys typed on the page, and a key message sent straight to the WebSocket, never reach the VM.
    phase('pressing keys');
    await page.locator('#screen-0').click();
    for (const key of ['ArrowDown', 'ArrowDown', 'Escape', 'x', 'Enter']) await page.keyboard.press(key);
    const notice = await sendKeyOverWebSocket(url, 'ArrowDown');
    expect(notice).toContain('view-only');
    await new Promise((r) => setTimeout(r, 2_000));
    const after = await dump();
    expect(after.rgb.equals(menu.rgb)).toBe(true);

    // The token: a wrong one gets neither the page nor the WebSocket.
    const { origin, pathname } = new URL(url);
    const wrong = `${origin}/${pathname.split('/')[1]!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}/`;
    expect((await fetch(wrong)).status).toBe(403);
    expect(await webSocketOutcome(`${wrong.replace(/^http/, 'ws')}ws`, origin)).toContain('403');

    // The canvas follows the screen (a key pressed through QMP moves the highlight), and a reset reboots the
    // guest behind the same VNC server: the page shows the fresh boot menu again.
    await qmp.command('send-key', { keys: [{ type: 'qcode', data: 'down' }] });
    await untilCanvasMatches(page, dump, (p) => litShare(p) > 0.02 && !p.rgb.equals(menu.rgb));
    phase('reset');
    await qmp.command('system_reset');
    await untilCanvasMatches(page, dump, (p) => p.rgb.equals(menu.rgb));

    // Cancelled: the page ends with the result, and Kiln leaves nothing behind.
    phase('cancelling');
    kiln.process.kill('SIGINT');
    const output = await kiln.exited();
    await expectText(page, '#result', /a build failed or was cancelled/);
    await expectText(page, '.build .result', /Build 'qemu' errored/);
    await expectText(page, '#connection', /Kiln has finished/);
    expect(await expectNothingLeftBehind(output)).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('interactive: the user types the rest of the boot command in the page and the build succeeds', async () => {
    // Kiln types <esc> (the boot: prompt), then would wait ten minutes: the user takes over in the page.
    const template = await writeVariant(dir, 'interactive', (builder) => {
      builder.boot_command = [
        '<esc><wait><wait10m>',
        'install url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/install.cfg<enter>',
      ];
    });
    const out = join(dir, 'out-interactive');
    const kiln = startKiln(['build', '-console=interactive', '-var', `output_directory=${out}`, template]);
    const url = await kiln.waitFor(/Live console \(interactive\): (http:\S+)/);
    const port = await kiln.waitFor(/the guest reaches it at http:\/\/10\.0\.2\.2:(\d+)\//);
    await kiln.waitFor(/Typing the boot command over VNC/);
    const page = await openConsole(url);
    await new Promise((r) => setTimeout(r, 3_000)); // <esc><wait>: the boot: prompt is up
    await page.locator('#screen-0').click();
    phase('typing');
    await typeInPage(page, `install url=http://10.0.2.2:${port}/install.cfg`);
    await page.keyboard.press('Enter');
    await kiln.waitFor(
      /You took over the keyboard in the live console: Kiln stopped typing the boot command/,
    );
    const output = await kiln.exited();
    expect(output).toContain('HTTP GET /install.cfg -> 200');
    expect(output).toContain("Build 'qemu' finished");
    await expectText(page, '#result', /every build succeeded/);
    await expectText(page, '#log', /You took over the keyboard/);
    expect(await expectNothingLeftBehind(output)).toEqual([]);
  });
});

interface RunningKiln {
  process: ResultPromise;
  waitFor(pattern: RegExp): Promise<string>;
  exited(): Promise<string>;
}

function startKiln(args: string[]): RunningKiln {
  const child = execa('node', [join(REPO_ROOT, 'bin/kiln.js'), ...args], {
    cwd: REPO_ROOT,
    env: { CI: 'true' },
    reject: false,
    all: true,
    stdin: 'ignore',
    timeout: 540_000,
  });
  let output = '';
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.KILN_TEST_VERBOSE) process.stderr.write(chunk);
  });
  cleanups.push(async () => {
    child.kill('SIGINT');
    await child;
  });
  return {
    process: child,
    async waitFor(pattern) {
      for (let i = 0; i < 3_000; i++) {
        const match = pattern.exec(output);
        if (match) return match[1] ?? match[0];
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`kiln never printed ${pattern}:\n${output}`);
    },
    async exited() {
      await child;
      return output;
    },
  };
}

async function openConsole(url: string): Promise<Page> {
  const browser: TestBrowser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  await page.goto(url);
  await expectText(page, '#connection', /connected/);
  await page.waitForSelector('#screen-0[data-state="live"]');
  return page;
}

/** The parts of a canvas element the test reads (the test project has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}

async function canvasPixels(page: Page): Promise<Buffer> {
  // One Latin-1 string crosses from the page much faster than a million numbers.
  const text = await page.$eval('#screen-0', (element) => {
    const canvas = element as unknown as CanvasLike;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let out = '';
    for (let i = 0; i < data.length; i += 8192)
      out += String.fromCharCode(...Array.prototype.slice.call(data, i, i + 8192));
    return out;
  });
  return Buffer.from(text, 'latin1');
}

async function canvasSize(page: Page): Promise<[number, number]> {
  return page.$eval('#screen-0', (element) => {
    const canvas = element as unknown as CanvasLike;
    return [canvas.width, canvas.height] as [number, number];
  });
}

/** Waits for a screendump that `wanted` accepts and that the canvas shows too (under 1% of pixels off). */
async function untilCanvasMatches(
  page: Page,
  dump: () => Promise<Picture>,
  wanted: (picture: Picture) => boolean,
): Promise<Picture> {
  let last = '';
  for (let i = 0; i < 120; i++) {
    const picture = await dump();
    const size = await canvasSize(page);
    if (wanted(picture) && size[0] === picture.width && size[1] === picture.height) {
      const share = differingShare(picture, await canvasPixels(page));
      if (share < 0.01) return picture;
      last = `${(share * 100).toFixed(2)}% of pixels differ`;
    } else last = `screendump ${picture.width}x${picture.height}, canvas ${size.join('x')}`;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the canvas never matched QEMU's screendump: ${last}`);
}

async function expectText(page: Page, selector: string, pattern: RegExp): Promise<void> {
  const locator = page.locator(selector).first();
  for (let i = 0; i < 300; i++) {
    if (pattern.test((await locator.textContent()) ?? '')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.textContent()).toMatch(pattern);
}

/** A key message sent past the page's script, as a hostile page would: resolves with the server's notice. */
async function sendKeyOverWebSocket(url: string, code: string): Promise<string> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`, { origin: new URL(url).origin });
  cleanups.push(async () => socket.terminate());
  return new Promise((resolve, reject) => {
    socket.on('open', () => {
      for (const down of [true, false])
        socket.send(JSON.stringify({ t: 'key', id: 0, code, key: code, down }));
    });
    socket.on('message', (data: Buffer, binary) => {
      if (binary) return;
      const message = JSON.parse(data.toString()) as { t: string; text?: string };
      if (message.t === 'notice') resolve(message.text ?? '');
    });
    socket.on('error', reject);
  });
}

function webSocketOutcome(url: string, origin: string): Promise<string> {
  const socket = new WebSocket(url, { origin });
  cleanups.push(async () => socket.terminate());
  return new Promise((resolve) => {
    socket.once('open', () => resolve('opened'));
    socket.once('error', (error) => resolve(error.message));
  });
}

/** Types like a person on a US keyboard: Shift held for shifted characters, a short pause between keys. */
async function typeInPage(page: Page, text: string): Promise<void> {
  for (const char of text) {
    await page.keyboard.press(char === ':' ? 'Shift+Semicolon' : char, { delay: 10 });
    await new Promise((r) => setTimeout(r, 40));
  }
}
