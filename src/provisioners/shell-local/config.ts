// `shell-local` (provisioner and post-processor): runs on the host (Packer SDK shell-local config).

import type { JsonObject, KeyPath } from '../../json/json-value.js';
import {
  checkEnvironmentVars,
  checkScriptsExist,
  type ScriptCheckEnv,
} from '../../template/decode/check-scripts.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export interface ShellLocalConfig {
  readonly type: 'shell-local';
  /** `command` becomes a one-line inline script, as in Packer. */
  readonly inline: readonly string[] | undefined;
  readonly scripts: readonly string[];
  readonly environmentVars: readonly string[];
  readonly envVarFormat: string;
  /** Unrendered argv: `{{.Vars}}`, `{{.Script}}` (alias `{{.Command}}`) are filled at run time. */
  readonly executeCommand: readonly string[];
  readonly inlineShebang: string;
  /** Host OS names (Go GOOS) this runs on; empty = all. */
  readonly onlyOn: readonly string[];
  readonly validExitCodes: readonly number[];
  readonly tempfileExtension: string | undefined;
}

export const SHELL_LOCAL_SCHEMA = {
  fields: {
    command: { kind: 'string', into: 'inline' },
    inline: { kind: 'stringList' },
    script: { kind: 'string', into: 'scripts' },
    scripts: { kind: 'stringList' },
    environment_vars: { kind: 'stringList' },
    env_var_format: { kind: 'string' },
    execute_command: { kind: 'stringList', raw: true },
    inline_shebang: { kind: 'string' },
    only_on: { kind: 'stringList' },
    valid_exit_codes: { kind: 'intList' },
    tempfile_extension: { kind: 'string' },
  },
  unsupported: { use_linux_pathing: 'Windows Subsystem for Linux paths are not supported by Kiln' },
} as const;

const GOOS = ['darwin', 'freebsd', 'linux', 'openbsd', 'solaris', 'windows'];
const TOO_MANY =
  'You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config.';

export function resolveShellLocalConfig(
  raw: JsonObject,
  path: KeyPath,
  env: DecodeEnv & ScriptCheckEnv,
  asPostProcessor: boolean,
): ShellLocalConfig {
  const f = readFields(decodeConfig(raw, SHELL_LOCAL_SCHEMA, path, env));
  const command = f.string('command') || undefined;
  const inlineList = f.stringList('inline') ?? [];
  const script = f.string('script') || undefined;
  const scriptList = f.stringList('scripts') ?? [];
  const given = [command !== undefined, inlineList.length > 0, script !== undefined, scriptList.length > 0];
  const count = given.filter(Boolean).length;
  if (count === 0) env.problems.add(path, 'Command, Inline, Script and Scripts options cannot all be empty.');
  if (count > 1) env.problems.add(path, TOO_MANY);
  const scripts = script !== undefined ? [script] : scriptList;
  checkScriptsExist(scripts, `${path}.${script !== undefined ? 'script' : 'scripts'}`, env);
  const environmentVars = f.stringList('environment_vars') ?? [];
  checkEnvironmentVars(environmentVars, `${path}.environment_vars`, env.problems);
  const onlyOn = f.stringList('only_on') ?? [];
  for (const [i, os] of onlyOn.entries()) {
    if (!GOOS.includes(os)) {
      env.problems.add(
        `${path}.only_on[${i}]`,
        `Invalid OS specified in only_on: '${os}'. Supported OS names: ${GOOS.join(', ')}`,
      );
    }
  }
  let executeCommand = f.stringList('execute_command') ?? [];
  if (asPostProcessor && executeCommand.length === 1) executeCommand = ['sh', '-c', ...executeCommand];
  if (executeCommand.length === 0) executeCommand = ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'];
  const extension = f.string('tempfile_extension') || undefined;
  return {
    type: 'shell-local',
    inline: command !== undefined ? [command] : inlineList.length > 0 ? inlineList : undefined,
    scripts,
    environmentVars,
    envVarFormat: f.string('env_var_format') || "%s='%s' ",
    executeCommand,
    inlineShebang: f.string('inline_shebang') || '/bin/sh -e',
    onlyOn,
    validExitCodes: f.intList('valid_exit_codes') ?? [0],
    tempfileExtension: extension?.replace(/^\./, ''),
  };
}
