// The RFB client against a real, paused QEMU: negotiation, extended key events and VNC auth, checked through
// QEMU's own input trace (what QEMU actually delivered to the emulated keyboard).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBootCommand, typeBootCommand } from '../../src/bootcommand/index.js';
import { findFreePort } from '../../src/net/ports.js';
import { connectVnc, type VncClient } from '../../src/vnc/index.js';

interface Qemu {
  port: number;
  qmpPath: string;
  stderr: () => string;
}

let child: ChildProcess | undefined;
let dir: string | undefined;
let client: VncClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
  child = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function startQemu(vncOptions = ''): Promise<Qemu> {
  dir = await mkdtemp(join(tmpdir(), 'kiln-vnc-'));
  const port = await findFreePort('127.0.0.1', { min: 5900, max: 6000 });
  const qmpPath = join(dir, 'q.sock');
  const args = ['-accel', 'tcg', '-display', 'none', '-vnc', `127.0.0.1:${port - 5900}${vncOptions}`, '-S'];
  args.push('-qmp', `unix:${qmpPath},server,nowait`, '-nodefaults', '-machine', 'pc');
  // The trace shows each extended key event exactly as QEMU decoded it, even while the VM is paused.
  args.push('-trace', 'vnc_key_event_ext');
  let stderr = '';
  child = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await waitForListener(port);
  return { port, qmpPath, stderr: () => stderr };
}

async function waitForListener(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child?.exitCode !== null) throw new Error('QEMU exited early');
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(true));
      s.on('error', () => resolve(false));
      s.on('connect', () => s.destroy());
    });
    if (ok) return;
    await delay(50);
  }
  throw new Error(`QEMU did not listen on ${port}`);
}

/** Minimal QMP: capabilities, then one command. */
async function qmp(path: string, command: object): Promise<string> {
  const socket = connect(path);
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  socket.write(`${JSON.stringify({ execute: 'qmp_capabilities' })}\n${JSON.stringify(command)}\n`);
  for (let i = 0; i < 100 && (text.match(/"return"/g) ?? []).length < 2; i++) await delay(20);
  socket.destroy();
  return text;
}

/** QEMU's trace "vnc_key_event_ext down 1, sym 0x61, keycode 0x1e [a]" as "a:1" (qcode QEMU decoded: down). */
function keysDelivered(stderr: string): string[] {
  return [
    ...stderr.matchAll(/vnc_key_event_ext down (\d), sym 0x[0-9a-f]+, keycode 0x[0-9a-f]+ \[(\w+)\]/g),
  ].map((m) => `${m[2]}:${m[1]}`);
}

async function waitForKeys(qemu: Qemu, count: number): Promise<string[]> {
  for (let i = 0; i < 100 && keysDelivered(qemu.stderr()).length < count; i++) await delay(20);
  return keysDelivered(qemu.stderr());
}

describe('VNC client against QEMU 7.2', () => {
  it('negotiates extended key events and QEMU delivers the scancodes we send', async () => {
    const qemu = await startQemu();
    client = await connectVnc({ host: '127.0.0.1', port: qemu.port, signal: AbortSignal.timeout(10_000) });
    expect(client.extendedKeys).toBe(true);
    expect(client.width).toBeGreaterThan(0);

    await typeBootCommand(parseBootCommand('aA_<up><leftCtrlOn>c<leftCtrlOff>'), client, {
      keyIntervalMs: 1,
      signal: AbortSignal.timeout(10_000),
    });
    const delivered = await waitForKeys(qemu, 16);
    expect(delivered).toEqual([
      'a:1',
      'a:0',
      'shift:1',
      'a:1',
      'a:0',
      'shift:0',
      'shift:1',
      'minus:1',
      'minus:0',
      'shift:0',
      'up:1',
      'up:0',
      'ctrl:1',
      'c:1',
      'c:0',
      'ctrl:0',
    ]);
    expect(qemu.stderr()).toContain('vnc_key_event_ext down 1, sym 0x41, keycode 0x1e [a]');
    expect(qemu.stderr()).toContain('vnc_key_event_ext down 1, sym 0xff52, keycode 0xc8 [up]');
  });

  it('authenticates with a VNC password set over QMP, and rejects a wrong one', async () => {
    const qemu = await startQemu(',password=on');
    expect(
      await qmp(qemu.qmpPath, { execute: 'change-vnc-password', arguments: { password: 'kiln1234' } }),
    ).not.toMatch(/error/);
    const signal = AbortSignal.timeout(10_000);
    await expect(
      connectVnc({ host: '127.0.0.1', port: qemu.port, signal, password: 'wrong' }),
    ).rejects.toMatchObject({
      code: 'vnc',
      message: expect.stringMatching(new RegExp(`127\\.0\\.0\\.1:${qemu.port}.*authentication failed`)),
    });
    await expect(connectVnc({ host: '127.0.0.1', port: qemu.port, signal })).rejects.toThrow(
      /requires VNC authentication/,
    );
    client = await connectVnc({ host: '127.0.0.1', port: qemu.port, signal, password: 'kiln1234' });
    expect(client.extendedKeys).toBe(true);
    await client.sendKey({ keysym: 0xff0d, scancode: 0x1c, down: true });
    await client.sendKey({ keysym: 0xff0d, scancode: 0x1c, down: false });
    expect(await waitForKeys(qemu, 2)).toEqual(['ret:1', 'ret:0']);
  });
});
