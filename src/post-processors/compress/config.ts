// Options of the `compress` post-processor (Packer 1.6.6's keys and defaults).
import { type Compression, DEFAULT_LEVEL, MAX_LEVEL } from '../../archive/compression.js';
import type { ArchiveFormat } from '../../archive/write-archive.js';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';
import { detectFormat } from './format.js';

export interface CompressConfig {
  readonly type: 'compress';
  /** Unrendered; rendered at run time with BuildName and BuilderType. */
  readonly output: string;
  readonly archive: ArchiveFormat;
}

export const COMPRESS_SCHEMA = {
  fields: {
    output: { kind: 'string', raw: true },
    format: { kind: 'string', into: 'archive' },
    compression_level: { kind: 'int', into: 'archive' },
  },
} as const;

export const DEFAULT_COMPRESS_OUTPUT = 'packer_{{.BuildName}}_{{.BuilderType}}';

export function resolveCompressConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): CompressConfig {
  const f = readFields(decodeConfig(raw, COMPRESS_SCHEMA, path, env));
  const output = f.string('output') || DEFAULT_COMPRESS_OUTPUT;
  const detected = detectFormat(output, f.string('format') || undefined);
  let archive: ArchiveFormat = { container: 'tar', compression: 'gzip', level: DEFAULT_LEVEL.gzip };
  if ('error' in detected) {
    env.problems.add(`${path}.${f.has('format') ? 'format' : 'output'}`, detected.error);
  } else {
    // zip deflates inside the container: its level is gzip's.
    const levelOf: Compression = detected.container === 'zip' ? 'gzip' : detected.compression;
    const level = compressionLevel(f.int('compression_level'), levelOf, path, env);
    archive = { ...detected, level };
  }
  return { type: 'compress', output, archive };
}

/** Packer: 0 and -1 mean the default, above the maximum is clamped, below -1 is an error. */
function compressionLevel(
  given: number | undefined,
  compression: Compression,
  path: KeyPath,
  env: DecodeEnv,
): number {
  if (given === undefined || given === 0 || given === -1) return DEFAULT_LEVEL[compression];
  if (given < -1) {
    env.problems.add(`${path}.compression_level`, `compression_level must be -1 to 9; found ${given}`);
    return DEFAULT_LEVEL[compression];
  }
  return Math.min(given, MAX_LEVEL[compression]);
}
