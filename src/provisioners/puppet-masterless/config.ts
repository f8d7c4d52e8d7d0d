// The `puppet-masterless` provisioner's configuration (Packer 1.6.6 defaults for a Unix guest, and checks).
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import type { ScriptCheckEnv } from '../../template/decode/check-scripts.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';
import { checkLocalPath } from '../common/check-paths.js';

export interface PuppetMasterlessConfig {
  readonly type: 'puppet-masterless';
  /** A file, or a directory of manifests (uploaded whole). */
  readonly manifestFile: string;
  readonly manifestDir: string | undefined;
  readonly modulePaths: readonly string[];
  readonly hieraConfigPath: string | undefined;
  /** FACTER_* variables, with packer_build_name and packer_builder_type added at run time. */
  readonly facter: Readonly<Record<string, string>>;
  /** Unrendered: rendered with the execute_command data at run time, as in Packer. */
  readonly extraArguments: readonly string[];
  /**
   * Unrendered: {{.WorkingDir}}, {{.FacterVars}}, {{.Sudo}}, {{.ManifestFile}}, … filled at run time. undefined:
   * Packer's default command, composed in code (the same words Packer's template renders).
   */
  readonly executeCommand: string | undefined;
  readonly stagingDirectory: string;
  readonly workingDirectory: string;
  readonly cleanStagingDirectory: boolean;
  readonly ignoreExitCodes: boolean;
  readonly preventSudo: boolean;
  readonly puppetBinDir: string;
}

const WINDOWS_ONLY = 'it runs Puppet as another Windows user; Kiln builds Unix guests only';

export const PUPPET_MASTERLESS_SCHEMA = {
  fields: {
    manifest_file: { kind: 'string' },
    manifest_dir: { kind: 'string' },
    module_paths: { kind: 'stringList' },
    hiera_config_path: { kind: 'string' },
    facter: { kind: 'stringMap' },
    extra_arguments: { kind: 'stringList', raw: true },
    execute_command: { kind: 'string', raw: true },
    staging_directory: { kind: 'string' },
    working_directory: { kind: 'string' },
    clean_staging_directory: { kind: 'bool' },
    ignore_exit_codes: { kind: 'bool' },
    prevent_sudo: { kind: 'bool' },
    puppet_bin_dir: { kind: 'string' },
    // Only 'unix' is accepted: it picks Packer's Unix defaults for staging_directory and execute_command.
    guest_os_type: { kind: 'string', into: 'stagingDirectory' },
  },
  unsupported: { elevated_user: WINDOWS_ONLY, elevated_password: WINDOWS_ONLY },
} as const;

export function resolvePuppetMasterlessConfig(
  raw: JsonObject,
  path: KeyPath,
  env: DecodeEnv & ScriptCheckEnv,
): PuppetMasterlessConfig {
  const f = readFields(decodeConfig(raw, PUPPET_MASTERLESS_SCHEMA, path, env));
  const guestOs = (f.string('guest_os_type') || 'unix').toLowerCase();
  if (guestOs !== 'unix')
    env.problems.add(
      `${path}.guest_os_type`,
      guestOs === 'windows'
        ? "guest_os_type 'windows' is not supported by Kiln: it builds Unix guests only"
        : `Invalid guest_os_type: "${guestOs}"`,
    );
  const hieraConfigPath = f.string('hiera_config_path') || undefined;
  if (hieraConfigPath !== undefined)
    checkLocalPath(hieraConfigPath, 'file', 'hiera_config_path', `${path}.hiera_config_path`, env);
  const manifestDir = f.string('manifest_dir') || undefined;
  if (manifestDir !== undefined)
    checkLocalPath(manifestDir, 'dir', 'manifest_dir', `${path}.manifest_dir`, env);
  const manifestFile = f.string('manifest_file') ?? '';
  if (manifestFile === '') env.problems.add(path, 'A manifest_file must be specified.');
  else checkLocalPath(manifestFile, 'any', 'manifest_file', `${path}.manifest_file`, env);
  const modulePaths = f.stringList('module_paths') ?? [];
  for (const [i, dir] of modulePaths.entries())
    checkLocalPath(dir, 'dir', `module_path[${i}]`, `${path}.module_paths[${i}]`, env);
  const stagingDirectory = f.string('staging_directory') || '/tmp/packer-puppet-masterless';
  return {
    type: 'puppet-masterless',
    manifestFile,
    manifestDir,
    modulePaths,
    hieraConfigPath,
    facter: f.stringMap('facter') ?? {},
    extraArguments: f.stringList('extra_arguments') ?? [],
    executeCommand: f.string('execute_command') || undefined,
    stagingDirectory,
    workingDirectory: f.string('working_directory') || stagingDirectory,
    cleanStagingDirectory: f.bool('clean_staging_directory') ?? false,
    ignoreExitCodes: f.bool('ignore_exit_codes') ?? false,
    preventSudo: f.bool('prevent_sudo') ?? false,
    puppetBinDir: f.string('puppet_bin_dir') ?? '',
  };
}
