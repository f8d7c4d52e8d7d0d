// Options of the remote `shell` provisioner (already mapped from the template) and their validation.
import { existsSync } from 'node:fs';
import { validateEnvVars } from './env-vars.js';

/** Go-template renderer supplied by the caller, e.g. for `execute_command`. */
export type RenderTemplate = (template: string, data: Record<string, string>) => string;

export const DEFAULT_EXECUTE_COMMAND = 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}';
export const DEFAULT_START_RETRY_TIMEOUT_MS = 5 * 60_000;

export interface ShellProvisionerOptions {
  inline?: string[];
  script?: string;
  scripts?: string[];
  /** "KEY=value" entries. */
  environmentVars: string[];
  /** Template with {{.Vars}} and {{.Path}}; see DEFAULT_EXECUTE_COMMAND. */
  executeCommand: string;
  /** undefined = Packer's default '/bin/sh -e', which a first inline line starting with #! replaces. */
  inlineShebang?: string;
  /** Default /tmp/script_<0-9998>.sh, one path reused for every script (as Packer). */
  remotePath?: string;
  validExitCodes: number[];
  expectDisconnect: boolean;
  skipClean: boolean;
  startRetryTimeoutMs: number;
  /** false converts CRLF to LF before upload. */
  binary: boolean;
  buildName: string;
  builderType: string;
  /** "ip:port" of the build's HTTP server, when there is one. */
  httpAddr?: string;
}

/** Every problem at once, worded as Packer's Prepare. */
export function validateShellOptions(
  options: Pick<ShellProvisionerOptions, 'inline' | 'script' | 'scripts' | 'environmentVars'>,
): string[] {
  const problems: string[] = [];
  const inline = options.inline?.length ? options.inline : undefined;
  const scripts = options.scripts ?? [];
  if (options.script && scripts.length > 0) problems.push('Only one of script or scripts can be specified.');
  const all = options.script ? [options.script] : scripts;
  if (all.length === 0 && !inline) problems.push('Either a script file or inline script must be specified.');
  else if (all.length > 0 && inline)
    problems.push('Only a script file or an inline script can be specified, not both.');
  for (const path of all) {
    if (!existsSync(path)) problems.push(`Bad script '${path}': no such file`);
  }
  problems.push(...validateEnvVars(options.environmentVars));
  return problems;
}

export function defaultRemotePath(): string {
  return `/tmp/script_${Math.floor(Math.random() * 9999)}.sh`;
}
