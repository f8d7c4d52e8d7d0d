// The live console server for real on loopback: the token guards page and WebSocket, view-only drops keys on
// the server, interactive keys reach a (fake) VNC server and take the keyboard over, pages get the state.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { consoleMode } from '../../src/cli/build-flags.js';
import { vncKeyForBrowser } from '../../src/live-console/browser-keys.js';
import { Framebuffer } from '../../src/live-console/framebuffer.js';
import { type LiveConsole, type ScreenWatch, startLiveConsole } from '../../src/live-console/index.js';
import { type FakeRfbServer, framebufferUpdate, rect, startFakeRfb } from './vnc-fake-server.js';

let live: LiveConsole | undefined;
let vnc: FakeRfbServer | undefined;
let watch: ScreenWatch | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await watch?.stop();
  await live?.close();
  await vnc?.close();
  live = vnc = watch = undefined;
});

interface Page {
  socket: WebSocket;
  messages: Array<Record<string, unknown>>;
  pictures: Buffer[];
  next(predicate: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

async function openPage(url: string, origin?: string): Promise<Page> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`, { origin: origin ?? new URL(url).origin });
  sockets.push(socket);
  const page: Page = {
    socket,
    messages: [],
    pictures: [],
    async next(predicate) {
      for (let i = 0; i < 500; i++) {
        const found = page.messages.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no such message in ${JSON.stringify(page.messages)}`);
    },
  };
  socket.on('message', (data: Buffer, binary) => {
    if (binary) page.pictures.push(data);
    else page.messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return page;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

function refused(url: string, origin: string): Promise<string> {
  const socket = new WebSocket(url, { origin });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('open', () => resolve('opened'));
    socket.once('error', (error) => resolve(error.message));
  });
}

describe('live console server', () => {
  it('listens on 127.0.0.1 only and serves the page and script only under its token', async () => {
    live = await startLiveConsole('view-only');
    const url = new URL(live.url);
    expect(url.hostname).toBe('127.0.0.1');
    const token = url.pathname.split('/')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const page = await fetch(live.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await page.text()).toContain('console.js');
    expect((await fetch(`${live.url}console.js`)).status).toBe(200);
    expect((await fetch(`${url.origin}/`)).status).toBe(403);
    expect((await fetch(`${url.origin}/${token.slice(1)}x/`)).status).toBe(403);
    expect((await fetch(`${url.origin}/${token}/other`)).status).toBe(404);
    const redirected = await fetch(`${url.origin}/${token}`, { redirect: 'manual' });
    expect(redirected.headers.get('location')).toBe(`/${token}/`);
  });

  it('refuses a WebSocket with a wrong token or from another origin', async () => {
    live = await startLiveConsole('view-only');
    const { origin } = new URL(live.url);
    expect(await refused(`${origin.replace('http', 'ws')}/wrong-token/ws`, origin)).toContain('403');
    expect(await refused(`${live.url.replace('http', 'ws')}ws`, 'http://evil.example')).toContain('403');
    expect(await refused(`${live.url.replace('http', 'ws')}ws`, origin)).toBe('opened');
  });

  it('gives a page the log, the step and the result so far, then every change', async () => {
    live = await startLiveConsole('view-only');
    const build = live.forBuild('qemu');
    build.step('start-vm');
    build.log('==> qemu: first');
    const page = await openPage(live.url);
    await page.next((m) => m.t === 'log' && m.line === '==> qemu: first');
    await page.next((m) => m.t === 'step' && m.step === 'start-vm');
    build.log('==> qemu: second');
    build.finish(true, "Build 'qemu' finished after 1s.");
    live.end(true, 'done');
    await page.next((m) => m.t === 'log' && m.line === '==> qemu: second');
    await page.next((m) => m.t === 'result' && m.ok === true);
    await page.next((m) => m.t === 'end' && m.text === 'done');
    expect(page.messages[0]).toEqual({ t: 'hello', mode: 'view-only' });
  });

  it('view-only: the server drops key messages; the VNC server receives nothing after its setup', async () => {
    const pixels = Buffer.from([10, 20, 30, 0, 40, 50, 60, 0]);
    vnc = await startFakeRfb({ before: framebufferUpdate([rect(5, 7, 2, 1, 0, pixels)]) });
    live = await startLiveConsole('view-only');
    const build = live.forBuild('qemu');
    watch = build.watchScreen({ host: '127.0.0.1', port: vnc.port, password: undefined });
    const page = await openPage(live.url);
    await page.next((m) => m.t === 'screen' && m.state === 'live');
    expect(page.messages).toContainEqual({ t: 'screen', id: 0, width: 640, height: 480, state: 'live' });
    // A page that comes later gets the whole 640x480 screen, with the rectangle the server sent in place.
    const late = await openPage(live.url);
    await until(() => late.pictures.length > 0);
    const picture = late.pictures[0]!;
    expect(picture.length).toBe(10 + 640 * 480 * 4);
    expect([...picture.subarray(10 + (7 * 640 + 5) * 4, 10 + (7 * 640 + 7) * 4)]).toEqual([...pixels]);
    page.socket.send(JSON.stringify({ t: 'key', id: 0, code: 'KeyA', key: 'a', down: true }));
    await page.next((m) => m.t === 'notice' && String(m.text).includes('view-only'));
    const sent = vnc.received().subarray(36);
    // Only FramebufferUpdateRequests (type 3, 10 bytes) went to the VNC server, no key event (4 or 255).
    for (let i = 0; i < sent.length; i += 10) expect(sent[i]).toBe(3);
    expect(build.takeover.aborted).toBe(false);
  });

  it('interactive: a key reaches the VNC server as a scancode and is the user taking over', async () => {
    vnc = await startFakeRfb();
    live = await startLiveConsole('interactive');
    const build = live.forBuild('qemu');
    watch = build.watchScreen({ host: '127.0.0.1', port: vnc.port, password: undefined });
    const page = await openPage(live.url);
    await page.next((m) => m.t === 'screen' && m.state === 'live');
    page.socket.send(JSON.stringify({ t: 'key', id: 0, code: 'KeyA', key: 'A', down: true }));
    // QEMU extended key event: down, keysym 'A' (what was typed), scancode 0x1e (the A key).
    await until(() => vnc!.received().toString('hex').includes('ff000001000000410000001e'));
    expect(build.takeover.aborted).toBe(true);
  });

  it('shows the screen: rectangles into the framebuffer, the whole picture for a late page', async () => {
    const fb = new Framebuffer(3);
    fb.resize(4, 2);
    const pixels = Buffer.from([1, 2, 3, 0, 4, 5, 6, 0]);
    const message = fb.apply(2, 1, 2, 1, pixels)!;
    expect([...message.subarray(0, 10)]).toEqual([0, 3, 0, 2, 0, 1, 0, 2, 0, 1]);
    const whole = fb.whole()!;
    expect(whole.length).toBe(10 + 4 * 2 * 4);
    expect([...whole.subarray(10 + (1 * 4 + 2) * 4, 10 + 8 * 4)]).toEqual([...pixels]);
    expect(fb.apply(5, 0, 1, 1, Buffer.alloc(4))).toBeUndefined();
  });
});

describe('browser keys and -console', () => {
  it('maps physical keys to scancodes and typed characters to keysyms', () => {
    expect(vncKeyForBrowser('KeyQ', 'q', true)).toEqual({ keysym: 0x71, scancode: 0x10, down: true });
    expect(vncKeyForBrowser('Digit2', '@', false)).toEqual({ keysym: 0x40, scancode: 0x03, down: false });
    expect(vncKeyForBrowser('Enter', 'Enter', true)).toEqual({ keysym: 0xff0d, scancode: 0x1c, down: true });
    expect(vncKeyForBrowser('F10', 'F10', true)?.scancode).toBe(0x44);
    expect(vncKeyForBrowser('ArrowDown', 'ArrowDown', true)?.scancode).toBe(0xd0);
    expect(vncKeyForBrowser('KeyZ', 'ж', true)).toEqual({ keysym: 0x0100_0436, scancode: 0x2c, down: true });
    expect(vncKeyForBrowser('AudioVolumeUp', 'AudioVolumeUp', true)).toBeUndefined();
  });

  it('reads -console, -console=interactive and KILN_CONSOLE; the flag wins', () => {
    expect(consoleMode(undefined, undefined)).toBeUndefined();
    expect(consoleMode('true', undefined)).toBe('view-only');
    expect(consoleMode('interactive', undefined)).toBe('interactive');
    expect(consoleMode(undefined, '1')).toBe('view-only');
    expect(consoleMode(undefined, 'interactive')).toBe('interactive');
    expect(consoleMode('false', 'interactive')).toBeUndefined();
    expect(() => consoleMode('yes', undefined)).toThrow(
      "-console must be true, false or interactive; got 'yes'",
    );
    expect(() => consoleMode(undefined, 'on')).toThrow('KILN_CONSOLE');
  });
});
