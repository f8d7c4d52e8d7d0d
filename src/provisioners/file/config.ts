// The `file` provisioner's configuration (Packer 1.6.6 provisioner/file: defaults and checks).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import type { ScriptCheckEnv } from '../../template/decode/check-scripts.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export interface FileProvisionerConfig {
  readonly type: 'file';
  /** `sources` then `source`, as Packer appends them. */
  readonly sources: readonly string[];
  readonly destination: string;
  readonly direction: 'upload' | 'download';
  /** The sources are made during the build: their existence is checked when uploading, not at load. */
  readonly generated: boolean;
}

export const FILE_SCHEMA = {
  fields: {
    source: { kind: 'string', into: 'sources' },
    sources: { kind: 'stringList' },
    destination: { kind: 'string' },
    direction: { kind: 'string' },
    generated: { kind: 'bool' },
  },
} as const;

export function resolveFileConfig(
  raw: JsonObject,
  path: KeyPath,
  env: DecodeEnv & ScriptCheckEnv,
): FileProvisionerConfig {
  const f = readFields(decodeConfig(raw, FILE_SCHEMA, path, env));
  const direction = f.string('direction') || 'upload';
  if (direction !== 'upload' && direction !== 'download')
    env.problems.add(`${path}.direction`, 'Direction must be one of: download, upload.');
  const source = f.string('source') || undefined;
  const sources = [...(f.stringList('sources') ?? []), ...(source === undefined ? [] : [source])];
  const generated = f.bool('generated') ?? false;
  if (direction === 'upload' && !generated) {
    for (const [i, src] of sources.entries()) {
      const key = src === source ? `${path}.source` : `${path}.sources[${i}]`;
      const problem = statProblem(resolve(env.cwd, src));
      if (problem) env.problems.add(key, `Bad source '${src}': ${problem}`);
    }
  }
  if (sources.length === 0) env.problems.add(path, 'Source must be specified.');
  const destination = f.string('destination') ?? '';
  if (destination === '') env.problems.add(path, 'Destination must be specified.');
  return {
    type: 'file',
    sources,
    destination,
    direction: direction === 'download' ? 'download' : 'upload',
    generated,
  };
}

function statProblem(path: string): string | undefined {
  try {
    statSync(path);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'no such file or directory'
      : (error as Error).message;
  }
}
