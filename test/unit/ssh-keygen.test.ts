import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../../src/communicators/ssh-keygen.js';

const dir = mkdtempSync(join(tmpdir(), 'kiln-keygen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** OpenSSH's own reading of the private key: `ssh-keygen -y` prints the public key it derives. */
function opensshPublicKey(privateKey: string): string {
  const path = join(dir, `key-${Math.random()}`);
  writeFileSync(path, privateKey, { mode: 0o600 });
  return execFileSync('ssh-keygen', ['-y', '-f', path], { encoding: 'utf8' }).trim();
}

describe('generateSshKeyPair', () => {
  it.each([
    ['ed25519', undefined, 'ssh-ed25519'],
    ['ecdsa', 256, 'ecdsa-sha2-nistp256'],
    ['ecdsa', undefined, 'ecdsa-sha2-nistp521'],
    ['rsa', 1024, 'ssh-rsa'],
  ] as const)('%s (%s bits) makes a key OpenSSH and ssh2 read, and its public line', (type, bits, name) => {
    const pair = generateSshKeyPair(type, bits, 'kiln_test');
    const [kind, blob, comment] = pair.publicKey.split(' ');
    expect(kind).toBe(name);
    expect(comment).toBe('kiln_test');
    expect(pair.publicKey).not.toContain('\n');
    expect(opensshPublicKey(pair.privateKey)).toBe(`${kind} ${blob}`);
    const key = ssh2.utils.parseKey(pair.privateKey);
    if (key instanceof Error) throw key;
    const data = Buffer.from('sign me');
    expect(key.verify(data, key.sign(data))).toBe(true);
  });

  it('makes RSA keys of the asked size, 4096 bits by default as Packer', () => {
    const modulus = (privateKey: string) => createPublicKey(privateKey).asymmetricKeyDetails?.modulusLength;
    expect(modulus(generateSshKeyPair('rsa', 2048).privateKey)).toBe(2048);
    expect(modulus(generateSshKeyPair('rsa').privateKey)).toBe(4096);
  });

  it('makes a different key every time', () => {
    expect(generateSshKeyPair('ed25519').publicKey).not.toBe(generateSshKeyPair('ed25519').publicKey);
  });

  it('refuses sizes Packer refuses', () => {
    expect(() => generateSshKeyPair('rsa', 512)).toThrow(/at least 1024/);
    expect(() => generateSshKeyPair('ecdsa', 300)).toThrow(/256, 384 or 521/);
  });
});
