// Finds the ISO's line in a SUMS file (GNU, BSD or bare-digest lines), following go-getter's matching rules.
import { posix } from 'node:path';
import { type Checksum, HEX_LENGTHS, isAlgorithm } from './checksum-spec.js';

/** One usable line of a checksum file; `filename` is undefined for a line holding only a digest. */
export interface ChecksumLine extends Checksum {
  filename: string | undefined;
}

// BSD: `SHA256 (name) = hex`. GNU: `hex  name`, `hex *name` (binary), `hex ?name` (shasum -p).
const BSD_LINE = /^([A-Za-z0-9-]+) ?\((.+)\) ?= ?([0-9a-fA-F]+)$/;
const GNU_LINE = /^([0-9a-fA-F]+)\s+[*?]?(.+)$/;
const BARE_LINE = /^([0-9a-fA-F]+)$/;

/** Parses one line; anything else (comments, PGP armour, unknown algorithms, bad lengths) gives undefined. */
export function parseChecksumLine(raw: string): ChecksumLine | undefined {
  const line = raw.trim();
  const bsd = BSD_LINE.exec(line);
  if (bsd) {
    const algorithm = bsd[1]!.toLowerCase();
    if (!isAlgorithm(algorithm) || bsd[3]!.length !== HEX_LENGTHS[algorithm]) return undefined;
    return { algorithm, hex: bsd[3]!.toLowerCase(), filename: bsd[2]! };
  }
  const gnu = GNU_LINE.exec(line) ?? BARE_LINE.exec(line);
  if (!gnu) return undefined;
  const hex = gnu[1]!;
  const algorithm = Object.entries(HEX_LENGTHS).find(([, length]) => length === hex.length)?.[0];
  if (algorithm === undefined || !isAlgorithm(algorithm)) return undefined;
  return { algorithm, hex: hex.toLowerCase(), filename: gnu[2]?.trim() };
}

/**
 * Names under which a SUMS file may list the ISO: its basename, its path relative to the SUMS file's
 * directory, that with `./`, and its absolute path. `isoPath` and `sumsPath` are URL paths for remote files,
 * absolute file-system paths for local ones (go-getter compares them the same way).
 */
export function checksumFileNames(isoPath: string, sumsPath: string): string[] {
  const relative = posix.relative(posix.dirname(sumsPath), isoPath);
  const names = [posix.basename(isoPath), relative, `./${relative}`, isoPath];
  return [...new Set(names.filter((name) => name !== '' && name !== './'))];
}

/** The first line naming the ISO, or the first line without a file name (go-getter takes that as a match). */
export function findChecksumInText(text: string, names: readonly string[]): Checksum | undefined {
  for (const raw of text.split('\n')) {
    const line = parseChecksumLine(raw);
    if (!line) continue;
    if (line.filename === undefined || names.includes(line.filename)) {
      return { algorithm: line.algorithm, hex: line.hex };
    }
  }
  return undefined;
}
