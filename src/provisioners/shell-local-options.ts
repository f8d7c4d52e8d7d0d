// Options of `shell-local` (provisioner and post-processor), already mapped from the template, and validation.
import { existsSync } from 'node:fs';
import { validateEnvVars } from './env-vars.js';

export const DEFAULT_LOCAL_EXECUTE_COMMAND: readonly string[] = ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'];

export interface ShellLocalOptions {
  command?: string;
  inline?: string[];
  script?: string;
  scripts?: string[];
  /** "KEY=value" entries. */
  environmentVars: string[];
  /** argv templates with {{.Vars}} and {{.Script}} (alias {{.Command}}); see DEFAULT_LOCAL_EXECUTE_COMMAND. */
  executeCommand: string[];
  /** Prepended as `#!<shebang>` to inline scripts; '' for none. Packer's default '/bin/sh -e'. */
  inlineShebang: string;
  validExitCodes: number[];
  buildName: string;
  builderType: string;
  /** "ip:port" of the build's HTTP server (provisioner only). */
  httpAddr?: string;
  /** Added to the inherited environment, e.g. the artifact's files for the post-processor. */
  extraEnv?: Record<string, string>;
  /** Grace period between SIGTERM and SIGKILL on cancel; default 5 s. */
  forceKillAfterMs?: number;
}

const TOO_MANY =
  'You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config.';

/** Every problem at once, worded as Packer's shell-local Validate. */
export function validateShellLocalOptions(
  options: Pick<
    ShellLocalOptions,
    'command' | 'inline' | 'script' | 'scripts' | 'environmentVars' | 'executeCommand'
  >,
): string[] {
  const problems: string[] = [];
  const inline = options.inline ?? [];
  const scripts = options.scripts ?? [];
  const given = [options.command, inline.length > 0, options.script, scripts.length > 0].filter(
    Boolean,
  ).length;
  if (given === 0) problems.push('Command, Inline, Script and Scripts options cannot all be empty.');
  if (given > 1) problems.push(TOO_MANY);
  for (const path of options.script ? [options.script] : scripts) {
    if (!existsSync(path)) problems.push(`Bad script '${path}': no such file`);
  }
  if (options.executeCommand.length === 0) problems.push('execute_command must not be empty');
  problems.push(...validateEnvVars(options.environmentVars));
  return problems;
}
