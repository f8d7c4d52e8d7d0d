// The `shell-local` post-processor: the shared shell-local runner, with the artifact exposed to the command.
import type { OutputSink } from '../../provisioners/shell/run.js';
import { runShellLocal } from '../../provisioners/shell-local/run.js';
import type { ShellLocalOptions } from '../../provisioners/shell-local-options.js';
import type { RenderTemplate } from '../../provisioners/shell-options.js';

export interface ShellLocalArtifact {
  /** The builder's files, e.g. the disk image. */
  files: readonly string[];
  builderType: string;
}

export interface ShellLocalPostProcessorContext {
  render: RenderTemplate;
  sink: OutputSink;
  signal: AbortSignal;
}

/**
 * Runs the command. The artifact passes through unchanged (Packer ignores `keep_input_artifact` here); its files
 * are offered as KILN_ARTIFACT_FILES (space-separated) and KILN_ARTIFACT_FILE_<n>, a Kiln addition.
 */
export async function runShellLocalPostProcessor(
  options: ShellLocalOptions,
  artifact: ShellLocalArtifact,
  ctx: ShellLocalPostProcessorContext,
): Promise<void> {
  await runShellLocal(
    { ...options, extraEnv: { ...artifactEnv(artifact), ...options.extraEnv } },
    { ...ctx, label: 'shell-local post-processor' },
  );
}

export function artifactEnv(artifact: ShellLocalArtifact): Record<string, string> {
  const env: Record<string, string> = { KILN_ARTIFACT_FILES: artifact.files.join(' ') };
  artifact.files.forEach((file, index) => {
    env[`KILN_ARTIFACT_FILE_${index}`] = file;
  });
  return env;
}
