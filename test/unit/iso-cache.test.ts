// Cache location and Packer-compatible hashed file names.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cacheFileName, cacheTargetPath, resolveCacheDir } from '../../src/iso/index.js';

const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha1Of = (text: string): string => createHash('sha1').update(text).digest('hex');

describe('resolveCacheDir', () => {
  it('prefers KILN_CACHE_DIR, resolved against cwd', () => {
    expect(resolveCacheDir({ KILN_CACHE_DIR: 'cache', XDG_CACHE_HOME: '/xdg' }, '/home/u', '/work')).toBe(
      '/work/cache',
    );
  });
  it('then XDG_CACHE_HOME/kiln, then ~/.cache/kiln', () => {
    expect(resolveCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u', '/work')).toBe('/xdg/kiln');
    expect(resolveCacheDir({ KILN_CACHE_DIR: '  ' }, '/home/u', '/work')).toBe('/home/u/.cache/kiln');
  });
});

describe('cacheTargetPath', () => {
  const checksum = { algorithm: 'sha256' as const, hex: sha256 };

  it('names the file sha1("type:hex").iso, like Packer', () => {
    expect(cacheFileName(checksum, 'http://x/a.iso')).toBe(`${sha1Of(`sha256:${sha256}`)}.iso`);
    expect(cacheTargetPath({ checksum, url: 'http://x/a.iso', cacheDir: '/c' })).toBe(
      `/c/${sha1Of(`sha256:${sha256}`)}.iso`,
    );
  });

  it('uses sha1(url) when the checksum is none, and the lower-cased extension', () => {
    expect(cacheFileName('none', 'http://x/a.img', 'IMG')).toBe(`${sha1Of('http://x/a.img')}.img`);
  });

  it('treats iso_target_path without an extension as a directory', () => {
    expect(cacheTargetPath({ checksum, url: 'u', cacheDir: '/c', targetPath: '/isos' })).toBe(
      `/isos/${sha1Of(`sha256:${sha256}`)}.iso`,
    );
    expect(cacheTargetPath({ checksum, url: 'u', cacheDir: '/c', targetPath: '/isos/deb.iso' })).toBe(
      '/isos/deb.iso',
    );
  });
});
