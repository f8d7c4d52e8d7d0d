// SUMS files: GNU, BSD, binary-star and relative names, fetched over real HTTP or read from disk.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checksumFileNames,
  findChecksumInText,
  parseChecksumLine,
  resolveChecksum,
} from '../../src/iso/index.js';
import { type FixtureServer, startFixtureServer } from './iso-fixtures.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const M = 'd'.repeat(32);
const signal = new AbortController().signal;

describe('parseChecksumLine', () => {
  it('reads GNU, binary, shasum -p, BSD and bare lines', () => {
    expect(parseChecksumLine(`${A}  debian.iso`)).toEqual({
      algorithm: 'sha256',
      hex: A,
      filename: 'debian.iso',
    });
    expect(parseChecksumLine(`${A} *debian.iso\r`)).toMatchObject({ filename: 'debian.iso' });
    expect(parseChecksumLine(`${A} ?debian.iso`)).toMatchObject({ filename: 'debian.iso' });
    expect(parseChecksumLine(`MD5 (debian.iso) = ${M}`)).toEqual({
      algorithm: 'md5',
      hex: M,
      filename: 'debian.iso',
    });
    expect(parseChecksumLine(`  ${M}  `)).toEqual({ algorithm: 'md5', hex: M, filename: undefined });
  });

  it('ignores comments, PGP armour and unusable lines', () => {
    for (const line of [
      '# debian.iso: 123 bytes',
      'Hash: SHA256',
      '-----BEGIN PGP SIGNATURE-----',
      `SHA384 (x) = ${A}`,
      'abc  x',
    ]) {
      expect(parseChecksumLine(line)).toBeUndefined();
    }
  });
});

describe('findChecksumInText', () => {
  const names = checksumFileNames('/debian/12/amd64/debian.iso', '/debian/12/SHA256SUMS');

  it('offers basename, relative path, ./relative path and absolute path', () => {
    expect(names).toEqual([
      'debian.iso',
      'amd64/debian.iso',
      './amd64/debian.iso',
      '/debian/12/amd64/debian.iso',
    ]);
  });

  it('picks the line for the ISO, not its neighbours', () => {
    const text = `${A}  other.iso\n${B} *debian.iso\n${C}  debian.iso.torrent\n`;
    expect(findChecksumInText(text, names)).toEqual({ algorithm: 'sha256', hex: B });
  });

  it('matches relative and ./relative names', () => {
    expect(findChecksumInText(`${A}  amd64/debian.iso`, names)?.hex).toBe(A);
    expect(findChecksumInText(`${B}  ./amd64/debian.iso`, names)?.hex).toBe(B);
    expect(findChecksumInText(`${C}  i386/debian.iso`, names)).toBeUndefined();
  });

  it('takes the first line without a file name', () => {
    expect(findChecksumInText(`# comment\n${A}\n${B}  debian.iso\n`, names)?.hex).toBe(A);
  });
});

describe('resolveChecksum', () => {
  let server: FixtureServer;
  let dir: string;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/debian/SHA256SUMS': { body: Buffer.from(`${A}  other.iso\n${B}  debian.iso\n`) },
      '/fedora/CHECKSUM': {
        body: Buffer.from(
          `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n# Fedora.iso: 1 bytes\nSHA256 (Fedora.iso) = ${C}\n`,
        ),
      },
      '/gone/SHA256SUMS': { status: 404 },
    });
    dir = await mkdtemp(join(tmpdir(), 'kiln-sums-'));
    await mkdir(join(dir, 'isos'));
    await writeFile(join(dir, 'SUMS'), `${A}  isos/local.iso\n`);
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes inline checksums through and keeps none', async () => {
    const options = { isoUrl: 'http://x/a.iso', baseDir: dir, signal };
    expect(await resolveChecksum(`sha256:${A}`, options)).toEqual({ algorithm: 'sha256', hex: A });
    expect(await resolveChecksum('none', options)).toBe('none');
  });

  it('finds the GNU line for the ISO in a SUMS file over HTTP', async () => {
    const result = await resolveChecksum(`file:${server.base}/debian/SHA256SUMS`, {
      isoUrl: `${server.base}/debian/debian.iso`,
      baseDir: dir,
      signal,
    });
    expect(result).toEqual({ algorithm: 'sha256', hex: B });
  });

  it('reads a signed BSD-style file', async () => {
    const result = await resolveChecksum(`file:${server.base}/fedora/CHECKSUM`, {
      isoUrl: 'https://mirror.invalid/fedora/Fedora.iso',
      baseDir: dir,
      signal,
    });
    expect(result).toEqual({ algorithm: 'sha256', hex: C });
  });

  it('reads a local SUMS file relative to baseDir, matching the relative ISO path', async () => {
    for (const spec of ['file:./SUMS', 'file:file://./SUMS', `file:file://${join(dir, 'SUMS')}`]) {
      expect(await resolveChecksum(spec, { isoUrl: 'isos/local.iso', baseDir: dir, signal })).toEqual({
        algorithm: 'sha256',
        hex: A,
      });
    }
  });

  it('says which ISO was missing from which file', async () => {
    await expect(
      resolveChecksum(`file:${server.base}/debian/SHA256SUMS`, {
        isoUrl: 'http://x/ubuntu.iso',
        baseDir: dir,
        signal,
      }),
    ).rejects.toMatchObject({
      code: 'checksum-not-found',
      message: `no checksum found for ubuntu.iso in ${server.base}/debian/SHA256SUMS`,
    });
  });

  it('names the URL and status when the SUMS file cannot be fetched', async () => {
    await expect(
      resolveChecksum(`file:${server.base}/gone/SHA256SUMS`, {
        isoUrl: 'http://x/a.iso',
        baseDir: dir,
        signal,
      }),
    ).rejects.toMatchObject({
      code: 'checksum-file',
      message: expect.stringContaining('/gone/SHA256SUMS: HTTP 404'),
    });
    await expect(
      resolveChecksum('file:./missing.sum', { isoUrl: 'http://x/a.iso', baseDir: dir, signal }),
    ).rejects.toMatchObject({ code: 'checksum-file', message: expect.stringContaining('missing.sum') });
  });
});
