// Packer's `manifest` post-processor options: where the JSON manifest goes and what each entry records.
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export interface ManifestConfig {
  readonly type: 'manifest';
  /** Path template, rendered at run time; default `packer-manifest.json`. */
  readonly output: string;
  /** Record basenames instead of the paths the artifact lists. */
  readonly stripPath: boolean;
  /** Leave `build_time` out of the entry. */
  readonly stripTime: boolean;
  /** Values are templates rendered at run time; undefined = unset (written as `null`, as Packer does). */
  readonly customData: Readonly<Record<string, string>> | undefined;
}

export const MANIFEST_SCHEMA = {
  fields: {
    output: { kind: 'string', raw: true },
    strip_path: { kind: 'bool' },
    strip_time: { kind: 'bool' },
    custom_data: { kind: 'stringMap', raw: true },
  },
} as const;

export function resolveManifestConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): ManifestConfig {
  const f = readFields(decodeConfig(raw, MANIFEST_SCHEMA, path, env));
  return {
    type: 'manifest',
    output: f.string('output') || 'packer-manifest.json',
    stripPath: f.bool('strip_path') ?? false,
    stripTime: f.bool('strip_time') ?? false,
    customData: f.stringMap('custom_data'),
  };
}
