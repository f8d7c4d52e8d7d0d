// parseChecksumSpec: every iso_checksum form Packer accepts, and the ones it rejects.
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../src/core/errors.js';
import { formatChecksum, parseChecksumSpec } from '../../src/iso/index.js';

const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha512 =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';

function badCode(spec: string): string | undefined {
  try {
    parseChecksumSpec(spec);
    return undefined;
  } catch (error) {
    return error instanceof KilnError ? error.code : 'not-a-kiln-error';
  }
}

describe('parseChecksumSpec', () => {
  it('accepts none in any case', () => {
    expect(parseChecksumSpec('none')).toEqual({ kind: 'none' });
    expect(parseChecksumSpec('NONE')).toEqual({ kind: 'none' });
  });

  it.each([
    [md5, 'md5'],
    [sha1, 'sha1'],
    [sha256, 'sha256'],
    [sha512, 'sha512'],
  ])('guesses the type of bare hex by length (%#)', (hex, algorithm) => {
    expect(parseChecksumSpec(hex)).toEqual({ kind: 'hash', algorithm, hex });
  });

  it('accepts type prefixes, any case, and lower-cases the digest', () => {
    expect(parseChecksumSpec(`SHA256:${sha256.toUpperCase()}`)).toEqual({
      kind: 'hash',
      algorithm: 'sha256',
      hex: sha256,
    });
    expect(parseChecksumSpec(`md5:${md5}`)).toEqual({ kind: 'hash', algorithm: 'md5', hex: md5 });
    expect(parseChecksumSpec(`sha1:${sha1}`)).toEqual({ kind: 'hash', algorithm: 'sha1', hex: sha1 });
    expect(parseChecksumSpec(`sha512:${sha512}`)).toEqual({ kind: 'hash', algorithm: 'sha512', hex: sha512 });
  });

  it('classifies file: sources', () => {
    expect(parseChecksumSpec('file:https://example.invalid/SHA256SUMS')).toMatchObject({
      kind: 'file',
      source: { type: 'url', url: 'https://example.invalid/SHA256SUMS' },
    });
    expect(parseChecksumSpec('file:./SHA256SUMS')).toMatchObject({
      source: { type: 'path', path: './SHA256SUMS' },
    });
    expect(parseChecksumSpec('file:file:///srv/SHA256SUMS')).toMatchObject({
      source: { type: 'path', path: '/srv/SHA256SUMS' },
    });
    // Packer's non-standard relative file URL.
    expect(parseChecksumSpec('file:file://./x.sum')).toMatchObject({
      source: { type: 'path', path: './x.sum' },
    });
  });

  it.each([
    ['', 'empty'],
    ['sha384:abcd', 'unknown type'],
    [`sha256:${md5}`, 'wrong length for type'],
    ['abc123', 'no type has 6 digits'],
    [`${sha256.slice(0, 63)}g`, 'not hex'],
    ['file:', 'file without target'],
    ['file:ftp://host/SUMS', 'unsupported scheme'],
    ['http://mirror/debian.iso', 'an ISO URL'],
    ['file:./debian.ISO', '.iso ending'],
  ])('rejects %j (%s) with bad-checksum', (spec) => {
    expect(badCode(spec)).toBe('bad-checksum');
  });

  it('names the value and the accepted forms', () => {
    expect(() => parseChecksumSpec('sha384:abcd')).toThrow(/"sha384:abcd".*accepted forms: "none"/);
    expect(() => parseChecksumSpec('x/debian.iso')).toThrow(/\.iso is not a valid checksum ending/);
  });

  it('formats a resolved checksum as type:hex', () => {
    expect(formatChecksum({ algorithm: 'sha256', hex: sha256 })).toBe(`sha256:${sha256}`);
    expect(formatChecksum('none')).toBe('none');
  });
});
