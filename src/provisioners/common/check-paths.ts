// Load-time checks of the local files and directories a provisioner will upload or hand to a tool, with
// Packer's messages ("playbook_file: x is invalid: …", "… must point to a directory").
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KeyPath } from '../../json/json-value.js';
import type { ScriptCheckEnv } from '../../template/decode/check-scripts.js';

export type PathKind = 'file' | 'dir' | 'any';

/** Records a problem at `path` unless `name` (relative to the working directory) exists and is a `kind`. */
export function checkLocalPath(
  name: string,
  kind: PathKind,
  key: string,
  path: KeyPath,
  env: ScriptCheckEnv,
): void {
  let isDir: boolean;
  try {
    isDir = statSync(resolve(env.cwd, name)).isDirectory();
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file or directory'
        : (error as Error).message;
    env.problems.add(path, `${key}: ${name} is invalid: ${reason}`);
    return;
  }
  if (kind === 'file' && isDir) env.problems.add(path, `${key}: ${name} must point to a file`);
  if (kind === 'dir' && !isDir) env.problems.add(path, `${key}: ${name} must point to a directory`);
}
