// Options of `shell-local` (provisioner and post-processor), already mapped from the template, and validation.

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
