// Parses Packer's `iso_checksum` forms (none, bare hex, type:hex, file:<sums>) without touching the network.
import { KilnError } from '../core/errors.js';

export type ChecksumAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

/** An expected digest: lower-case hex. */
export interface Checksum {
  algorithm: ChecksumAlgorithm;
  hex: string;
}

/** What verification needs once any `file:` indirection is gone. */
export type ResolvedChecksum = Checksum | 'none';

/** Where a `file:` spec points: a URL to fetch, or a path (relative ones are taken from a base dir later). */
export type ChecksumFileSource = { type: 'url'; url: string } | { type: 'path'; path: string };

export type ChecksumSpec =
  | { kind: 'none' }
  | ({ kind: 'hash' } & Checksum)
  | { kind: 'file'; source: ChecksumFileSource; raw: string };

/** Hex digits per algorithm; a bare hex value's algorithm is guessed from this (as go-getter does). */
export const HEX_LENGTHS: Readonly<Record<ChecksumAlgorithm, number>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha512: 128,
};

export const ACCEPTED_FORMS =
  'accepted forms: "none"; a bare md5/sha1/sha256/sha512 hex digest; "md5:<hex>", "sha1:<hex>", ' +
  '"sha256:<hex>", "sha512:<hex>"; "file:<url or path of a SUMS file>"';

export function parseChecksumSpec(spec: string): ChecksumSpec {
  const value = spec.trim();
  if (value === '') throw badChecksum(spec, 'a checksum must be specified');
  // Packer rejects this ending: it is nearly always the ISO URL pasted into the wrong field.
  if (value.toLowerCase().endsWith('.iso')) throw badChecksum(spec, '.iso is not a valid checksum ending');
  if (value.toLowerCase() === 'none') return { kind: 'none' };
  const colon = value.indexOf(':');
  if (colon === -1) return { kind: 'hash', ...checksumFromHex(value, spec) };
  const prefix = value.slice(0, colon).toLowerCase();
  const rest = value.slice(colon + 1);
  if (prefix === 'file') return { kind: 'file', source: parseFileSource(rest, spec), raw: rest };
  if (!isAlgorithm(prefix)) throw badChecksum(spec, `unsupported checksum type "${value.slice(0, colon)}"`);
  return { kind: 'hash', ...checksumFromTypedHex(prefix, rest, spec) };
}

export function isAlgorithm(name: string): name is ChecksumAlgorithm {
  return Object.hasOwn(HEX_LENGTHS, name);
}

/** A digest of unknown type: the length decides (32 md5, 40 sha1, 64 sha256, 128 sha512). */
export function checksumFromHex(hex: string, original = hex): Checksum {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw badChecksum(original, `"${hex}" is not a hex digest`);
  const entry = Object.entries(HEX_LENGTHS).find(([, length]) => length === hex.length);
  if (!entry) throw badChecksum(original, `no checksum type has ${hex.length} hex digits`);
  return { algorithm: entry[0] as ChecksumAlgorithm, hex: hex.toLowerCase() };
}

export function checksumFromTypedHex(algorithm: ChecksumAlgorithm, hex: string, original: string): Checksum {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw badChecksum(original, `"${hex}" is not a hex digest`);
  const expected = HEX_LENGTHS[algorithm];
  if (hex.length !== expected) {
    throw badChecksum(
      original,
      `a ${algorithm} digest has ${expected} hex digits, this one has ${hex.length}`,
    );
  }
  return { algorithm, hex: hex.toLowerCase() };
}

export function formatChecksum(checksum: ResolvedChecksum): string {
  return checksum === 'none' ? 'none' : `${checksum.algorithm}:${checksum.hex}`;
}

function parseFileSource(rest: string, spec: string): ChecksumFileSource {
  if (rest === '') throw badChecksum(spec, '"file:" needs the URL or path of a checksum file');
  if (/^https?:\/\//i.test(rest)) return { type: 'url', url: rest };
  if (/^file:\/\//i.test(rest)) return { type: 'path', path: fileUrlPath(rest) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw badChecksum(spec, `checksum files can be fetched over http(s) or read locally, not "${rest}"`);
  }
  return { type: 'path', path: rest };
}

/** `file:///abs/x.sum` → /abs/x.sum; Packer also accepts the non-standard relative `file://./x.sum`. */
export function fileUrlPath(url: string): string {
  const rest = url.replace(/^file:\/\//i, '');
  return decodeURIComponent(rest.startsWith('/') ? rest : rest.replace(/^localhost\//i, '/'));
}

function badChecksum(value: string, problem: string): KilnError {
  return new KilnError(`invalid iso_checksum "${value}": ${problem}; ${ACCEPTED_FORMS}`, {
    code: 'bad-checksum',
    hint: 'copy the digest from the distribution\'s SHA256SUMS, or point "file:" at that file',
  });
}
