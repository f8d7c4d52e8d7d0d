// RFB client against an in-process fake server: handshakes, auth, ext-key negotiation, message parsing, bytes on the wire.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import { connectVnc, type VncClient } from '../../src/vnc/index.js';
import { type FakeRfbServer, framebufferUpdate, rect, startFakeRfb, string, u16 } from './vnc-fake-server.js';

let server: FakeRfbServer | undefined;
let client: VncClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const signal = (): AbortSignal => AbortSignal.timeout(10_000);
const hex = (b: Buffer): string => b.toString('hex');
/** SetPixelFormat(32bpp depth 24 true colour, shifts 16/8/0) + SetEncodings [0, -223, -258]. */
const SETUP =
  '00000000' + '2018000100ff00ff00ff100800000000' + '02000003' + '00000000' + 'ffffff21' + 'fffffefe';

describe('connectVnc handshake', () => {
  it('speaks 3.8 with security None, sets up pixel format and encodings, and uses extended key events', async () => {
    server = await startFakeRfb();
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(server.clientVersion()).toBe('RFB 003.008\n');
    expect(client).toMatchObject({ extendedKeys: true, width: 640, height: 480, name: 'fake' });
    await client.sendKey({ keysym: 0xff52, scancode: 0xc8, down: true });
    await client.sendKey({ keysym: 0xff52, scancode: 0xc8, down: false });
    const wire = await server.waitForBytes(36 + 24);
    expect(hex(wire.subarray(0, 36))).toBe(SETUP);
    expect(hex(wire.subarray(36))).toBe('ff00000100' + '00ff52000000c8' + 'ff00000000' + '00ff52000000c8');
  });

  it('answers VNC auth with DES of the challenge (known vector), on protocol 3.3', async () => {
    const challenge = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    // Computed independently with `openssl enc -des-ecb -K d69636768c4ccc2c` (bit-reversed "kiln1234").
    const expectedResponse = Buffer.from('15f1460c0752729387c89ff57453fd9a', 'hex');
    server = await startFakeRfb({ version: 'RFB 003.003\n', security: [2], challenge, expectedResponse });
    client = await connectVnc({
      host: '127.0.0.1',
      port: server.port,
      password: 'kiln1234',
      signal: signal(),
    });
    expect(server.clientVersion()).toBe('RFB 003.003\n');
    expect(hex(server.authResponse()!)).toBe(hex(expectedResponse));
    expect(client.extendedKeys).toBe(true);
  });

  it('prefers VNC auth when a password is given and picks None otherwise (3.7)', async () => {
    server = await startFakeRfb({ version: 'RFB 003.007\n', security: [1, 2] });
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(server.authResponse()).toBeUndefined();
    await client.close();
    client = await connectVnc({ host: '127.0.0.1', port: server.port, password: 'x', signal: signal() });
    expect(server.authResponse()).toHaveLength(16);
  });

  it('treats unknown 3.x minors as 3.3 and newer versions as 3.8', async () => {
    server = await startFakeRfb({ version: 'RFB 003.005\n' });
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(server.clientVersion()).toBe('RFB 003.003\n');
    await client.close();
    await server.close();
    server = await startFakeRfb({ version: 'RFB 004.001\n' });
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(server.clientVersion()).toBe('RFB 003.008\n');
  });

  it('reports a wrong password with the server reason and host:port', async () => {
    server = await startFakeRfb({
      security: [2],
      expectedResponse: Buffer.alloc(16, 1),
      failureReason: 'go away',
    });
    const attempt = connectVnc({ host: '127.0.0.1', port: server.port, password: 'nope', signal: signal() });
    await expect(attempt).rejects.toMatchObject({
      code: 'vnc',
      message: `VNC 127.0.0.1:${server.port}: authentication failed: go away`,
    });
  });

  it('refuses VNC auth without a password', async () => {
    server = await startFakeRfb({ security: [2] });
    await expect(connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() })).rejects.toThrow(
      /requires VNC authentication but no password/,
    );
  });

  it('names host:port when the connection is refused or the peer is not VNC', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    await expect(connectVnc({ host: '127.0.0.1', port, signal: signal() })).rejects.toMatchObject({
      code: 'vnc',
      message: expect.stringMatching(
        new RegExp(`^VNC 127\\.0\\.0\\.1:${port}: cannot connect: .*ECONNREFUSED`),
      ),
    });
    server = await startFakeRfb({ raw: Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n') });
    await expect(connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() })).rejects.toThrow(
      `VNC 127.0.0.1:${server.port}: not a VNC server`,
    );
  });

  it('times out a silent server and honours abort', async () => {
    server = await startFakeRfb({ raw: Buffer.alloc(0) });
    await expect(
      connectVnc({ host: '127.0.0.1', port: server.port, signal: signal(), timeoutMs: 200 }),
    ).rejects.toThrow(/no VNC handshake within 200ms/);
    const controller = new AbortController();
    const attempt = connectVnc({ host: '127.0.0.1', port: server.port, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(attempt).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('extended key negotiation and server messages', () => {
  it('falls back to plain KeyEvent when the server never acks -258, after one tiny incremental request', async () => {
    server = await startFakeRfb({ ack: 'never' });
    const started = Date.now();
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(client.extendedKeys).toBe(false);
    await client.sendKey({ keysym: 0x41, scancode: 0x1e, down: true });
    const wire = await server.waitForBytes(36 + 10 + 8);
    expect(hex(wire.subarray(36))).toBe('03010000000000010001' + '0401000000000041');
  });

  it('sends one FramebufferUpdateRequest when the server acks only on request', async () => {
    server = await startFakeRfb({ ack: 'on-request' });
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(client.extendedKeys).toBe(true);
    expect(hex(server.received().subarray(36))).toBe('03010000000000010001');
  });

  it('parses and discards every server message kind so the ack behind them is still seen', async () => {
    const before = Buffer.concat([
      Buffer.from([2]), // Bell
      Buffer.from([1, 0]),
      u16(0),
      u16(2),
      Buffer.alloc(12), // SetColourMapEntries, 2 colours
      Buffer.from([3, 0, 0, 0]),
      string('clipboard'), // ServerCutText
      framebufferUpdate([
        rect(0, 0, 300, 200, 0, Buffer.alloc(300 * 200 * 4, 7)),
        rect(0, 0, 1024, 768, -223),
      ]),
    ]);
    server = await startFakeRfb({ before });
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    expect(client).toMatchObject({ extendedKeys: true, width: 1024, height: 768 });
  });

  it('fails later sends once the server sends something it cannot parse, or hangs up', async () => {
    server = await startFakeRfb({ before: Buffer.from([0, 0, 0, 1, ...rect(0, 0, 1, 1, 16)]) });
    const attempt = connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    await expect(attempt).rejects.toThrow(/unexpected rectangle encoding 16/);

    await server.close();
    server = await startFakeRfb();
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    server.closeClients();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(client.sendKey({ keysym: 0x61, scancode: 0x1e, down: true })).rejects.toMatchObject({
      code: 'vnc',
      message: `VNC 127.0.0.1:${server.port}: the server closed the connection`,
    });
  });

  it('close is idempotent and later sends fail clearly', async () => {
    server = await startFakeRfb();
    client = await connectVnc({ host: '127.0.0.1', port: server.port, signal: signal() });
    await Promise.all([client.close(), client.close()]);
    await client.close();
    await expect(client.sendKey({ keysym: 0x61, scancode: 0x1e, down: true })).rejects.toThrow(
      /connection is closed/,
    );
  });
});
