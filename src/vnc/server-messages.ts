// Reads and discards server messages forever, noting the events Kiln cares about, so the socket never stalls.
import type { ByteReader } from './byte-reader.js';
import { ENCODING_DESKTOP_SIZE, ENCODING_QEMU_EXTENDED_KEY, ENCODING_RAW } from './client-messages.js';

export interface ServerEvents {
  /** Bytes per pixel of Raw rectangles (the format we set, 4). */
  readonly bytesPerPixel: number;
  onExtendedKeyAck(): void;
  onDesktopSize(width: number, height: number): void;
  /** When set, Raw rectangles are read and handed over instead of skipped (the live console's screen). */
  onRaw?: ((x: number, y: number, width: number, height: number, pixels: Buffer) => void) | undefined;
  /** After the last rectangle of each FramebufferUpdate: time to ask for the next one. */
  onUpdateEnd?: (() => void) | undefined;
  /** A message we did not ask for and cannot skip: the stream cannot be resynchronised. */
  unsupported(what: string): Error;
}

/** Resolves never; rejects when the reader fails (connection closed) or the server sends something unknown. */
export async function pumpServerMessages(reader: ByteReader, events: ServerEvents): Promise<never> {
  for (;;) {
    const type = await reader.u8();
    switch (type) {
      case 0:
        await readFramebufferUpdate(reader, events);
        break;
      case 1: {
        // SetColourMapEntries: padding, first colour, count, then count × (r, g, b) U16s.
        const header = await reader.read(5);
        await reader.skip(header.readUInt16BE(3) * 6);
        break;
      }
      case 2: // Bell
        break;
      case 3: {
        // ServerCutText: 3 bytes padding, U32 length, text.
        await reader.skip(3);
        await reader.skip(await reader.u32());
        break;
      }
      default:
        throw events.unsupported(`server message type ${type}`);
    }
  }
}

async function readFramebufferUpdate(reader: ByteReader, events: ServerEvents): Promise<void> {
  const rects = (await reader.read(3)).readUInt16BE(1);
  for (let i = 0; i < rects; i++) {
    const header = await reader.read(12);
    const width = header.readUInt16BE(4);
    const height = header.readUInt16BE(6);
    const encoding = header.readInt32BE(8);
    const size = width * height * events.bytesPerPixel;
    if (encoding === ENCODING_RAW && events.onRaw) {
      const pixels = await reader.read(size);
      events.onRaw(header.readUInt16BE(0), header.readUInt16BE(2), width, height, pixels);
    } else if (encoding === ENCODING_RAW) await reader.skip(size);
    else if (encoding === ENCODING_QEMU_EXTENDED_KEY) events.onExtendedKeyAck();
    else if (encoding === ENCODING_DESKTOP_SIZE) events.onDesktopSize(width, height);
    else throw events.unsupported(`rectangle encoding ${encoding}`);
  }
  events.onUpdateEnd?.();
}
