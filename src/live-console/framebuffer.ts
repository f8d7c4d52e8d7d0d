// The last known picture of one VM screen, kept so a page that connects (or falls behind) gets it whole.
// Screen messages on the WebSocket are binary: u16 screen id, u16 x, y, width, height, then 4 bytes a pixel
// (blue, green, red, unused: RFB's little-endian 32-bit format, turned into RGBA by the page).

const HEADER = 10;
const BYTES_PER_PIXEL = 4;

export class Framebuffer {
  width = 0;
  height = 0;
  private pixels = Buffer.alloc(0);

  constructor(private readonly id: number) {}

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.pixels = Buffer.alloc(width * height * BYTES_PER_PIXEL);
  }

  /** Stores a rectangle and returns its message; rectangles outside the screen are clipped. */
  apply(x: number, y: number, width: number, height: number, data: Buffer): Buffer | undefined {
    const w = Math.min(width, this.width - x);
    const h = Math.min(height, this.height - y);
    if (w <= 0 || h <= 0) return undefined;
    const message = Buffer.allocUnsafe(HEADER + w * h * BYTES_PER_PIXEL);
    writeHeader(message, this.id, x, y, w, h);
    for (let row = 0; row < h; row++) {
      const from = row * width * BYTES_PER_PIXEL;
      const to = from + w * BYTES_PER_PIXEL;
      data.copy(this.pixels, ((y + row) * this.width + x) * BYTES_PER_PIXEL, from, to);
      data.copy(message, HEADER + row * w * BYTES_PER_PIXEL, from, to);
    }
    return message;
  }

  /** The whole screen as one message, or undefined before the first picture. */
  whole(): Buffer | undefined {
    if (this.width === 0 || this.height === 0) return undefined;
    const message = Buffer.allocUnsafe(HEADER + this.pixels.length);
    writeHeader(message, this.id, 0, 0, this.width, this.height);
    this.pixels.copy(message, HEADER);
    return message;
  }
}

function writeHeader(message: Buffer, id: number, x: number, y: number, w: number, h: number): void {
  message.writeUInt16BE(id, 0);
  message.writeUInt16BE(x, 2);
  message.writeUInt16BE(y, 4);
  message.writeUInt16BE(w, 6);
  message.writeUInt16BE(h, 8);
}
