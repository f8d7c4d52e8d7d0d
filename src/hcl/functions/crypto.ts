// Hash and crypto functions from go-cty-funcs (crypto, uuid); bcrypt is in bcrypt.ts. rsadecrypt does RSA
// PKCS#1 v1.5 by hand: Node 20 refuses that padding in privateDecrypt.

import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { HclFunctionError } from '../eval/function-error.js';
import { str } from '../eval/values.js';
import { toStr } from './convert.js';
import { define, type FunctionTable, text } from './spec.js';

const s = (name: string) => ({ name, type: toStr });
const hash = (algorithm: string) =>
  define([s('str')], ([x]) => str(createHash(algorithm).update(text(x), 'utf8').digest('hex')));

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** Accepts the forms google/uuid's Parse does: plain, urn:uuid:, braced, or 32 hex digits. */
function parseUuid(input: string): Buffer | undefined {
  const plain = input.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
  const hex = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(plain)
    ? plain.replaceAll('-', '')
    : /^[0-9a-f]{32}$/i.test(plain)
      ? plain
      : undefined;
  return hex === undefined ? undefined : Buffer.from(hex, 'hex');
}

function uuidV5(namespace: string, name: string): string {
  const ns = parseUuid(NAMESPACES[namespace] ?? namespace);
  if (ns === undefined)
    throw new HclFunctionError(
      `uuidv5() doesn't support namespace ${namespace} (invalid UUID length: ${namespace.length})`,
    );
  const digest = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const h = digest.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const big = (b64url: string) => BigInt(`0x${Buffer.from(b64url, 'base64url').toString('hex') || '0'}`);

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

function rsaDecrypt(ciphertext: string, pem: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(ciphertext) || ciphertext.length % 4 !== 0)
    throw new HclFunctionError(
      `failed to decode input ${JSON.stringify(ciphertext)}: cipher text must be base64-encoded`,
    );
  const block = /-----BEGIN ([A-Z ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (!block) throw new HclFunctionError('failed to parse key: no key found');
  if (/Proc-Type:\s*4,ENCRYPTED/.test(block[2] as string))
    throw new HclFunctionError(
      'failed to parse key: password protected keys are not supported. Please decrypt the key prior to use',
    );
  if (block[1] !== 'RSA PRIVATE KEY')
    throw new HclFunctionError(
      'x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)',
    );
  const jwk = createPrivateKey(block[0]).export({ format: 'jwk' });
  const n = big(jwk.n as string);
  const size = Buffer.from(jwk.n as string, 'base64url').length;
  const c = Buffer.from(ciphertext, 'base64');
  const decryptionError = new HclFunctionError('crypto/rsa: decryption error');
  if (c.length !== size) throw decryptionError;
  const m = modPow(BigInt(`0x${c.toString('hex')}`), big(jwk.d as string), n);
  const em = Buffer.from(m.toString(16).padStart(size * 2, '0'), 'hex');
  const zero = em.indexOf(0, 2);
  if (em[0] !== 0 || em[1] !== 2 || zero < 10) throw decryptionError;
  return em.subarray(zero + 1).toString('utf8');
}

export const CRYPTO_FUNCTIONS: FunctionTable = new Map([
  ['md5', hash('md5')],
  ['sha1', hash('sha1')],
  ['sha256', hash('sha256')],
  ['sha512', hash('sha512')],
  ['rsadecrypt', define([s('ciphertext'), s('privatekey')], ([c, k]) => str(rsaDecrypt(text(c), text(k))))],
  ['uuidv4', define([], () => str(randomUUID()))],
  ['uuidv5', define([s('namespace'), s('name')], ([ns, name]) => str(uuidV5(text(ns), text(name))))],
]);
