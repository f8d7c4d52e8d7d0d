// An in-process scripted RFB server on 127.0.0.1:0 for the VNC client tests (independent of src/vnc).
import { createServer, type Server, type Socket } from 'node:net';

export interface FakeRfbOptions {
  /** Greeting, e.g. "RFB 003.008\n". */
  version?: string;
  /** Security types offered (3.7/3.8) or the single type imposed (3.3, first entry). */
  security?: number[];
  challenge?: Buffer;
  /** The only response accepted for VNC auth. */
  expectedResponse?: Buffer;
  failureReason?: string;
  /** When the -258 pseudo-rect is sent. */
  ack?: 'after-encodings' | 'on-request' | 'never';
  /** Raw server messages sent right after SetEncodings arrives, before any ack. */
  before?: Buffer;
  /** Replace the whole conversation: the server just writes this and waits. */
  raw?: Buffer;
}

export interface FakeRfbServer {
  readonly port: number;
  /** Everything the client sent after ClientInit. */
  received(): Buffer;
  clientVersion(): string;
  authResponse(): Buffer | undefined;
  waitForBytes(count: number): Promise<Buffer>;
  closeClients(): void;
  /** Clients connected right now. */
  connections(): number;
  close(): Promise<void>;
}

const SET_PIXEL_FORMAT = 20;
const SET_ENCODINGS_3 = 16;

export async function startFakeRfb(options: FakeRfbOptions = {}): Promise<FakeRfbServer> {
  const sockets = new Set<Socket>();
  let received = Buffer.alloc(0);
  let version = '';
  let response: Buffer | undefined;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let inbox = Buffer.alloc(0);
    let wake: (() => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      inbox = Buffer.concat([inbox, chunk]);
      wake?.();
    });
    const read = async (n: number): Promise<Buffer> => {
      while (inbox.length < n) await new Promise<void>((resolve) => (wake = resolve));
      const out = inbox.subarray(0, n);
      inbox = inbox.subarray(n);
      return out;
    };
    void converse(socket, read).catch(() => socket.destroy());
  });

  async function converse(socket: Socket, read: (n: number) => Promise<Buffer>): Promise<void> {
    if (options.raw) return void socket.write(options.raw);
    const greeting = options.version ?? 'RFB 003.008\n';
    socket.write(greeting);
    version = (await read(12)).toString('latin1');
    const v33 = version === 'RFB 003.003\n';
    const types = options.security ?? [1];
    if (v33) socket.write(u32(types[0]!));
    else socket.write(Buffer.from([types.length, ...types]));
    const chosen = v33 ? types[0]! : (await read(1))[0]!;
    if (chosen === 2) {
      socket.write(options.challenge ?? Buffer.alloc(16));
      response = await read(16);
      const ok = options.expectedResponse?.equals(response) ?? true;
      socket.write(u32(ok ? 0 : 1));
      if (!ok)
        return void socket.end(
          v33 || version === 'RFB 003.007\n' ? '' : string(options.failureReason ?? 'bad password'),
        );
    } else if (version === 'RFB 003.008\n') {
      socket.write(u32(0));
    }
    await read(1); // ClientInit
    const pixelFormat = Buffer.from([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
    socket.write(Buffer.concat([u16(640), u16(480), pixelFormat, string('fake')]));
    const setup = await read(SET_PIXEL_FORMAT + SET_ENCODINGS_3);
    received = Buffer.from(setup);
    if (options.before) socket.write(options.before);
    if (options.ack === 'on-request') {
      const request = await read(10);
      received = Buffer.concat([received, request]);
    }
    if ((options.ack ?? 'after-encodings') !== 'never')
      socket.write(framebufferUpdate([rect(0, 0, 640, 480, -258)]));
    for (;;) received = Buffer.concat([received, await read(1)]);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    received: () => received,
    clientVersion: () => version,
    authResponse: () => response,
    async waitForBytes(count) {
      for (let i = 0; i < 200 && received.length < count; i++) await new Promise((r) => setTimeout(r, 10));
      return received;
    },
    closeClients: () => {
      for (const s of sockets) s.destroy();
    },
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function string(text: string): Buffer {
  return Buffer.concat([u32(Buffer.byteLength(text)), Buffer.from(text)]);
}

export function rect(
  x: number,
  y: number,
  w: number,
  h: number,
  encoding: number,
  data = Buffer.alloc(0),
): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(x, 0);
  b.writeUInt16BE(y, 2);
  b.writeUInt16BE(w, 4);
  b.writeUInt16BE(h, 6);
  b.writeInt32BE(encoding, 8);
  return Buffer.concat([b, data]);
}

export function framebufferUpdate(rects: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([0, 0]), u16(rects.length), ...rects]);
}
