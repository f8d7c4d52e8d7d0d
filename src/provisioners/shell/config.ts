// The remote `shell` provisioner's configuration (Packer 1.6.6 provisioner/shell defaults and checks).

import { randomInt } from 'node:crypto';
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import {
  checkEnvironmentVars,
  checkScriptsExist,
  type ScriptCheckEnv,
} from '../../template/decode/check-scripts.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export interface ShellProvisionerConfig {
  readonly type: 'shell';
  /** Inline lines (rendered at load, build-time actions kept); undefined when scripts are used. */
  readonly inline: readonly string[] | undefined;
  /** `script` or `scripts`, as written (relative to the working directory). */
  readonly scripts: readonly string[];
  readonly environmentVars: readonly string[];
  readonly envVarFormat: string;
  readonly useEnvVarFile: boolean;
  /** Unrendered: `{{.Path}}`, `{{.Vars}}`, `{{.EnvVarFile}}` are filled at run time. */
  readonly executeCommand: string;
  /** undefined: Packer's `/bin/sh -e`, unless the first inline line is already a `#!` line. */
  readonly inlineShebang: string | undefined;
  readonly remoteFolder: string;
  readonly remoteFile: string;
  readonly remotePath: string;
  readonly validExitCodes: readonly number[];
  readonly expectDisconnect: boolean;
  readonly skipClean: boolean;
  readonly startRetryTimeoutMs: number;
  /** false: CRLF is converted to LF while uploading. */
  readonly binary: boolean;
  readonly pauseAfterMs: number;
}

export const SHELL_SCHEMA = {
  fields: {
    inline: { kind: 'stringList' },
    script: { kind: 'string', into: 'scripts' },
    scripts: { kind: 'stringList' },
    environment_vars: { kind: 'stringList' },
    env_var_format: { kind: 'string' },
    use_env_var_file: { kind: 'bool' },
    execute_command: { kind: 'string', raw: true },
    inline_shebang: { kind: 'string' },
    remote_folder: { kind: 'string', into: 'remotePath' },
    remote_file: { kind: 'string', into: 'remotePath' },
    remote_path: { kind: 'string' },
    valid_exit_codes: { kind: 'intList' },
    expect_disconnect: { kind: 'bool' },
    skip_clean: { kind: 'bool' },
    start_retry_timeout: { kind: 'duration' },
    binary: { kind: 'bool' },
    pause_after: { kind: 'duration' },
  },
} as const;

export function resolveShellConfig(
  raw: JsonObject,
  path: KeyPath,
  env: DecodeEnv & ScriptCheckEnv,
): ShellProvisionerConfig {
  const f = readFields(decodeConfig(raw, SHELL_SCHEMA, path, env));
  const useEnvVarFile = f.bool('use_env_var_file') ?? false;
  const inlineList = f.stringList('inline');
  const inline = inlineList && inlineList.length > 0 ? inlineList : undefined;
  const script = f.string('script') || undefined;
  const scriptList = f.stringList('scripts') ?? [];
  if (script !== undefined && scriptList.length > 0)
    env.problems.add(`${path}.script`, 'Only one of script or scripts can be specified.');
  const scripts = script !== undefined ? [script] : scriptList;
  if (scripts.length === 0 && inline === undefined) {
    env.problems.add(path, 'Either a script file or inline script must be specified.');
  } else if (scripts.length > 0 && inline !== undefined) {
    env.problems.add(path, 'Only a script file or an inline script can be specified, not both.');
  }
  checkScriptsExist(scripts, `${path}.${script !== undefined ? 'script' : 'scripts'}`, env);
  const environmentVars = f.stringList('environment_vars') ?? [];
  checkEnvironmentVars(environmentVars, `${path}.environment_vars`, env.problems);
  const remoteFolder = f.string('remote_folder') || '/tmp';
  const remoteFile = f.string('remote_file') || `script_${randomInt(9999)}.sh`;
  return {
    type: 'shell',
    inline,
    scripts,
    environmentVars,
    envVarFormat: f.string('env_var_format') || (useEnvVarFile ? "export %s='%s'\n" : "%s='%s' "),
    useEnvVarFile,
    executeCommand:
      f.string('execute_command') ||
      (useEnvVarFile
        ? 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}'
        : 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}'),
    inlineShebang: f.string('inline_shebang') || undefined,
    remoteFolder,
    remoteFile,
    remotePath: f.string('remote_path') || `${remoteFolder}/${remoteFile}`,
    validExitCodes: f.intList('valid_exit_codes') ?? [0],
    expectDisconnect: f.bool('expect_disconnect') ?? false,
    skipClean: f.bool('skip_clean') ?? false,
    startRetryTimeoutMs: f.duration('start_retry_timeout') || 5 * 60_000,
    binary: f.bool('binary') ?? false,
    pauseAfterMs: f.duration('pause_after') ?? 0,
  };
}
