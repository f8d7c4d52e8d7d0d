// A PNG encoder for screenshots (8-bit RGB, one IDAT, deflated with node:zlib): the one format every image
// viewer and CI artifact browser shows. Written here instead of taken from npm because it is 40 lines on
// node:zlib (deflate and crc32), while the PNG packages bring native code or a whole image library.
import { crc32, deflateSync } from 'node:zlib';
import type { RgbImage } from './ppm.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BIT_DEPTH = 8;
const COLOR_TYPE_RGB = 2;
/** Filter type 1 (Sub): each byte minus the one a pixel to its left; screens of flat colour shrink well. */
const FILTER_SUB = 1;

export function encodePng(image: RgbImage): Buffer {
  const { width, height, rgb } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(BIT_DEPTH, 8);
  header.writeUInt8(COLOR_TYPE_RGB, 9);
  // compression 0, filter method 0, no interlace: the three zero bytes already there
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filterRows(width, height, rgb))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function filterRows(width: number, height: number, rgb: Buffer): Buffer {
  const stride = width * 3;
  const out = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    out[row] = FILTER_SUB;
    for (let x = 0; x < stride; x++) {
      const left = x >= 3 ? (rgb[y * stride + x - 3] as number) : 0;
      out[row + 1 + x] = ((rgb[y * stride + x] as number) - left) & 0xff;
    }
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}
