// VNC authentication: DES-encrypt the 16-byte challenge with the password as key, bits of each byte reversed.
import { createCipheriv } from 'node:crypto';

/**
 * Node 20's OpenSSL 3 refuses `des-ecb` (legacy provider), but triple DES with K1 = K2 (= K3) is single
 * DES, and `des-ede-ecb` is still in the default provider.
 */
export function vncAuthResponse(challenge: Buffer, password: Buffer): Buffer {
  const key = Buffer.alloc(8);
  // VNC passwords are truncated or zero-padded to 8 bytes.
  password.copy(key, 0, 0, Math.min(8, password.length));
  for (let i = 0; i < 8; i++) key[i] = reverseBits(key[i]!);
  const cipher = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}

function reverseBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) out |= ((byte >> bit) & 1) << (7 - bit);
  return out;
}
