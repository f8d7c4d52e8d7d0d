// The `shell-local` post-processor as a registry entry: the shared shell-local runner, with the artifact's files
// offered to the command as KILN_ARTIFACT_FILES (space-separated) and KILN_ARTIFACT_FILE_<n> (a Kiln addition).
import type { Artifact } from '../../plugins/artifact.js';
import type { PostProcessorPlugin } from '../../plugins/plugin.js';
import {
  resolveShellLocalConfig,
  SHELL_LOCAL_SCHEMA,
  type ShellLocalConfig,
} from '../../provisioners/shell-local/config.js';
import { runShellLocal } from '../../provisioners/shell-local/run.js';

export const shellLocalPostProcessor = {
  type: 'shell-local',
  schema: SHELL_LOCAL_SCHEMA,
  resolve: (raw, path, env) => resolveShellLocalConfig(raw, path, env, true),
  async run(config, input, ctx) {
    await runShellLocal(config, {
      ...ctx,
      extraEnv: artifactEnv(input),
      label: 'shell-local post-processor',
    });
    // shell-local hands its input on unchanged and always keeps it (Packer ignores keep_input_artifact here).
    return { artifact: input, keepInputDefault: true, forceKeepInput: true };
  },
} as const satisfies PostProcessorPlugin<'shell-local', ShellLocalConfig>;

export function artifactEnv(artifact: Pick<Artifact, 'files'>): Record<string, string> {
  const env: Record<string, string> = { KILN_ARTIFACT_FILES: artifact.files.join(' ') };
  artifact.files.forEach((file, index) => {
    env[`KILN_ARTIFACT_FILE_${index}`] = file;
  });
  return env;
}
