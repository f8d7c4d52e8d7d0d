// The screenshot path: QEMU's PPM read, PNG written, and the PNG checked by consumers that are not Kiln
// (Python's zlib and binascii.crc32, decoding every row back to the pixels; `file`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/image/png.js';
import { parsePpm } from '../../src/image/ppm.js';

const dir = mkdtempSync(join(tmpdir(), 'kiln-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Decodes an 8-bit RGB PNG in Python (chunk CRCs checked, filters 0-4 undone); prints "w h hex-of-pixels". */
const DECODE = `
import sys, struct, zlib, binascii
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
pos, idat, w, h = 8, b'', 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    assert struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0] == binascii.crc32(kind + body), kind
    if kind == b'IHDR':
        w, h, depth, color = struct.unpack('>IIBB', body[:10])
        assert (depth, color) == (8, 2)
    if kind == b'IDAT': idat += body
    pos += 12 + n
raw, stride, out, prev = zlib.decompress(idat), w * 3, bytearray(), bytearray(w * 3)
for y in range(h):
    f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = row[x - 3] if x >= 3 else 0
        b, c = prev[x], (prev[x - 3] if x >= 3 else 0)
        p = a + b - c
        pr = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else (b if abs(p - b) <= abs(p - c) else c)
        row[x] = (row[x] + [0, a, b, (a + b) // 2, pr][f]) & 255
    out += row
    prev = row
print(w, h, out.hex())
`;

function ppm(width: number, height: number, rgb: Buffer, header?: string): Buffer {
  return Buffer.concat([Buffer.from(header ?? `P6\n${width} ${height}\n255\n`), rgb]);
}

function gradient(width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 7 + Math.floor(i / (width * 3)) * 13) & 0xff;
  return rgb;
}

describe('PPM to PNG', () => {
  it('reads a P6 header with comments and odd whitespace', () => {
    const rgb = gradient(3, 2);
    const image = parsePpm(ppm(3, 2, rgb, 'P6 # QEMU screendump\n3\t2\n# max\n255\n'));
    expect(image).toMatchObject({ width: 3, height: 2 });
    expect(Buffer.compare(image.rgb, rgb)).toBe(0);
  });

  it('refuses what is not an 8-bit binary PPM, or is cut short', () => {
    expect(() => parsePpm(Buffer.from('P3\n1 1\n255\n0 0 0\n'))).toThrow(/not a binary PPM/);
    expect(() => parsePpm(ppm(2, 2, Buffer.alloc(5)))).toThrow(/holds 5 pixel bytes, not 12/);
    expect(() => parsePpm(Buffer.from('P6\n0 4\n255\n'))).toThrow(/size 0x4 is invalid/);
    expect(() => parsePpm(Buffer.from('P6\n1 1\n65535\n'))).toThrow(/maximum value is 65535/);
    expect(() => parsePpm(Buffer.from('P6\n1'))).toThrow(/cut short/);
  });

  it('writes a PNG that Python decodes back to the same pixels, and `file` recognises', async () => {
    const [width, height] = [37, 11];
    const rgb = gradient(width, height);
    const path = join(dir, 'gradient.png');
    writeFileSync(path, encodePng(parsePpm(ppm(width, height, rgb))));
    const decoded = await execa('python3', ['-c', DECODE, path]);
    expect(decoded.stdout.trim()).toBe(`${width} ${height} ${rgb.toString('hex')}`);
    const described = await execa('file', ['-b', path]);
    expect(described.stdout).toBe(`PNG image data, ${width} x ${height}, 8-bit/color RGB, non-interlaced`);
  });

  it('compresses a flat screen well (a 720x400 text console is mostly one colour)', () => {
    const rgb = Buffer.alloc(720 * 400 * 3, 0);
    rgb.fill(0xaa, 3 * 720 * 10, 3 * 720 * 20);
    expect(encodePng({ width: 720, height: 400, rgb }).length).toBeLessThan(4_000);
  });
});
