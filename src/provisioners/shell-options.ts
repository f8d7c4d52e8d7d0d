// Options of the remote `shell` provisioner (already mapped from the template) and their validation.

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

export function defaultRemotePath(): string {
  return `/tmp/script_${Math.floor(Math.random() * 9999)}.sh`;
}
