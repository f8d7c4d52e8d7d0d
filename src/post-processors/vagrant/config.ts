// Options of the `vagrant` post-processor (Packer 1.6.6's keys and defaults) for the providers a QEMU build
// fits: libvirt (the QEMU builder's default) and virtualbox.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import { decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';
import type { PluginEnv } from '../../template/index.js';

export type VagrantProvider = 'libvirt' | 'virtualbox';
export const VAGRANT_PROVIDERS: readonly VagrantProvider[] = ['libvirt', 'virtualbox'];
/** Packer 1.6.6's other providers: known, but not for a QEMU build's disk. */
const PACKER_ONLY_PROVIDERS = [
  'aws',
  'azure',
  'digitalocean',
  'docker',
  'google',
  'hyperv',
  'lxc',
  'parallels',
  'scaleway',
  'vmware',
];

export interface VagrantConfig {
  readonly type: 'vagrant';
  /** Unrendered; rendered at run time with Provider, ArtifactId and BuildName. */
  readonly output: string;
  /** 0 = a plain tar; 1–9 = gzip level. */
  readonly compressionLevel: number;
  readonly include: readonly string[];
  /** Path of a Vagrantfile template (its contents rendered at run time), or undefined. */
  readonly vagrantfileTemplate: string | undefined;
  readonly providerOverride: VagrantProvider | undefined;
}

export const VAGRANT_SCHEMA = {
  fields: {
    output: { kind: 'string', raw: true },
    compression_level: { kind: 'int' },
    include: { kind: 'stringList' },
    vagrantfile_template: { kind: 'string' },
    vagrantfile_template_generated: { kind: 'bool', into: 'vagrantfileTemplate' },
    provider_override: { kind: 'string' },
  },
  unsupported: {
    override:
      'per-provider settings are not implemented; a Kiln build makes one provider: set the options directly',
  },
} as const;

export const DEFAULT_VAGRANT_OUTPUT = 'packer_{{ .BuildName }}_{{.Provider}}.box';

export function resolveVagrantConfig(raw: JsonObject, path: KeyPath, env: PluginEnv): VagrantConfig {
  const f = readFields(decodeConfig(raw, VAGRANT_SCHEMA, path, env));
  const level = f.int('compression_level') ?? 6;
  if (level < -1 || level > 9) {
    env.problems.add(`${path}.compression_level`, `compression_level must be -1 to 9; found ${level}`);
  }
  const given = f.string('vagrantfile_template') || undefined;
  // Relative to the directory Kiln runs in, as in Packer.
  const template = given === undefined ? undefined : resolve(env.cwd, given);
  // Packer checks the file at configure time unless another step generates it during the build.
  if (template && !f.bool('vagrantfile_template_generated') && !existsSync(template)) {
    env.problems.add(`${path}.vagrantfile_template`, `vagrantfile_template '${given}' does not exist`);
  }
  return {
    type: 'vagrant',
    output: f.string('output') || DEFAULT_VAGRANT_OUTPUT,
    compressionLevel: level === -1 ? 6 : Math.max(0, Math.min(level, 9)),
    include: f.stringList('include') ?? [],
    vagrantfileTemplate: template,
    providerOverride: providerOverride(f.string('provider_override') || undefined, path, env),
  };
}

function providerOverride(
  given: string | undefined,
  path: KeyPath,
  env: PluginEnv,
): VagrantProvider | undefined {
  if (given === undefined) return undefined;
  if ((VAGRANT_PROVIDERS as readonly string[]).includes(given)) return given as VagrantProvider;
  const key = `${path}.provider_override`;
  if (PACKER_ONLY_PROVIDERS.includes(given)) {
    env.problems.unsupported(
      key,
      `provider_override '${given}' is not implemented by Kiln; a QEMU build's disk makes ${VAGRANT_PROVIDERS.join(' or ')} boxes`,
    );
  } else {
    env.problems.add(
      key,
      `The given provider_override ${given} is not valid. Please choose from one of ${VAGRANT_PROVIDERS.join(', ')}`,
    );
  }
  return undefined;
}
