// output_directory is deleted when a build fails and replaced with -force: it must never be a directory that
// holds other things the user keeps (Packer 1.6.6 accepts "." and deletes the current directory with -force).
import { homedir } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import type { KeyPath } from '../../../json/json-value.js';
import type { PluginEnv } from '../../../template/plugin-env.js';

export function checkOutputDirectory(outputDirectory: string, key: KeyPath, env: PluginEnv): void {
  const dir = resolve(env.cwd, outputDirectory);
  const why = refusal(dir, env);
  if (why)
    env.problems.add(
      key,
      `'${outputDirectory}' is ${why}: Kiln deletes output_directory when a build fails; name a directory of its own, e.g. "output-{{build_name}}"`,
    );
}

function refusal(dir: string, env: PluginEnv): string | undefined {
  if (dir === resolve(env.cwd)) return 'the current directory';
  if (isAncestor(dir, env.cwd)) return 'an ancestor of the current directory';
  if (dir === resolve(homedir())) return 'the home directory';
  if (dir === dirname(resolve(env.cwd, env.templatePath))) return "the template's directory";
  return undefined;
}

function isAncestor(dir: string, of: string): boolean {
  const path = relative(dir, resolve(of));
  return path !== '' && !path.startsWith('..') && path !== resolve(of);
}
