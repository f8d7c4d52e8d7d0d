// Temporary SSH key pairs (Packer's StepSSHKeyGen / sshkey.GeneratePair): RSA, ECDSA or ed25519, with the
// private key in a form ssh2 and OpenSSH read and the public key as one authorized_keys line.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';
import { KilnError } from '../core/errors.js';

export type TemporaryKeyType = 'rsa' | 'ecdsa' | 'ed25519';

export interface SshKeyPair {
  /** PEM (RSA, ECDSA) or OpenSSH (ed25519) text. */
  privateKey: string;
  /** `<type> <base64> <comment>`, no newline (it is typed into boot commands). */
  publicKey: string;
}

/** Packer's defaults: RSA 4096 bits, ECDSA P-521. */
const DEFAULT_BITS = { rsa: 4096, ecdsa: 521, ed25519: 256 } as const;
const CURVES: Readonly<Record<number, string>> = { 256: 'P-256', 384: 'P-384', 521: 'P-521' };

/** Throws KilnError code 'ssh-keygen' for bits Packer refuses (RSA < 1024, ECDSA not 256/384/521). */
export function generateSshKeyPair(type: TemporaryKeyType, bits?: number, comment = 'kiln'): SshKeyPair {
  const size = bits || DEFAULT_BITS[type];
  const problem = checkKeyBits(type, size);
  if (problem) throw new KilnError(problem, { code: 'ssh-keygen', hint: 'check temporary_key_pair_bits' });
  const privateKey = privateKeyText(type, size);
  return { privateKey, publicKey: publicKeyLine(privateKey, comment) };
}

/** The authorized_keys line of a private key (`<type> <base64>[ <comment>]`). */
export function publicKeyLine(privateKey: string | Buffer, comment?: string): string {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error)
    throw new KilnError(`cannot read SSH private key: ${parsed.message}`, { code: 'ssh-key', cause: parsed });
  const line = `${parsed.type} ${parsed.getPublicSSH().toString('base64')}`;
  return comment ? `${line} ${comment}` : line;
}

/** Packer's size rules, as a message, or undefined when the size is fine. */
export function checkKeyBits(type: TemporaryKeyType, bits: number): string | undefined {
  if (type === 'rsa' && bits < 1024) return 'invalid rsa key size: must be at least 1024 bits';
  if (type === 'ecdsa' && CURVES[bits] === undefined)
    return 'invalid ecdsa key size: must be one of 256, 384 or 521';
  return undefined;
}

function privateKeyText(type: TemporaryKeyType, bits: number): string {
  if (type === 'rsa') {
    return generateKeyPairSync('rsa', {
      modulusLength: bits,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
  }
  if (type === 'ecdsa') {
    return generateKeyPairSync('ec', {
      namedCurve: CURVES[bits] ?? 'P-521',
      privateKeyEncoding: { type: 'sec1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
  }
  return ed25519OpenSsh();
}

/** Node cannot write ed25519 keys in a form ssh2 reads: build OpenSSH's own format (PROTOCOL.key). */
function ed25519OpenSsh(): string {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  const publicBlob = sshString(Buffer.from('ssh-ed25519'), pub);
  const check = randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString(Buffer.from('ssh-ed25519'), pub, Buffer.concat([seed, pub]), Buffer.from('')),
  ]);
  const pad = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString(Buffer.from('none'), Buffer.from('none'), Buffer.from('')),
    uint32(1),
    sshString(publicBlob, secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function sshString(...values: Buffer[]): Buffer {
  return Buffer.concat(values.flatMap((value) => [uint32(value.length), value]));
}

function uint32(n: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(n);
  return buffer;
}
