// Packer's `checksum` post-processor options: which digests to write and where.

import { didYouMean } from '../../core/suggest.js';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export const CHECKSUM_TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type ChecksumType = (typeof CHECKSUM_TYPES)[number];

export const DEFAULT_CHECKSUM_OUTPUT = 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum';

export interface ChecksumConfig {
  readonly type: 'checksum';
  readonly checksumTypes: readonly ChecksumType[];
  /** Output path template, rendered per checksum type at run time. */
  readonly output: string;
}

export const CHECKSUM_SCHEMA = {
  fields: {
    checksum_types: { kind: 'stringList' },
    output: { kind: 'string', raw: true },
  },
} as const;

export function resolveChecksumConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): ChecksumConfig {
  const f = readFields(decodeConfig(raw, CHECKSUM_SCHEMA, path, env));
  // Packer: absent means md5; an explicit empty list writes nothing.
  const requested = f.stringList('checksum_types') ?? ['md5'];
  const checksumTypes: ChecksumType[] = [];
  for (const name of requested) {
    if (isChecksumType(name)) checksumTypes.push(name);
    else
      env.problems.add(
        `${path}.checksum_types`,
        `Unrecognized checksum type: ${name}${didYouMean(name, CHECKSUM_TYPES)} (one of ${CHECKSUM_TYPES.join(', ')})`,
      );
  }
  return { type: 'checksum', checksumTypes, output: f.string('output') || DEFAULT_CHECKSUM_OUTPUT };
}

function isChecksumType(name: string): name is ChecksumType {
  return (CHECKSUM_TYPES as readonly string[]).includes(name);
}
