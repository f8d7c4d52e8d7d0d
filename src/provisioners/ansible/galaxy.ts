// ansible-galaxy on the build host before the playbook: roles and/or collections from galaxy_file, as
// Packer 1.6.6 decides from the file's top-level `roles:` / `collections:` keys.
import { readFile } from 'node:fs/promises';
import { KilnError } from '../../core/errors.js';
import type { ProvisionContext } from '../../plugins/plugin.js';
import { runLocalTool } from '../common/run-local.js';
import type { AnsibleConfig } from './config.js';

export async function runGalaxy(config: AnsibleConfig, ctx: ProvisionContext): Promise<void> {
  const file = config.galaxyFile ?? '';
  const text = await readFile(file, 'utf8');
  const hasRoles = /^roles:/m.test(text);
  const hasCollections = /^collections:/m.test(text);
  const force = config.galaxyForceInstall ? ['-f'] : [];
  const runs: string[][] = [];
  if (hasRoles || !hasCollections)
    runs.push(['install', '-r', file, ...force, ...(config.rolesPath ? ['-p', config.rolesPath] : [])]);
  if (hasCollections)
    runs.push([
      'collection',
      'install',
      '-r',
      file,
      ...force,
      ...(config.collectionsPath ? ['-p', config.collectionsPath] : []),
    ]);
  for (const args of runs) {
    ctx.ui.message('Executing Ansible Galaxy');
    const status = await runLocalTool({
      argv: [config.galaxyCommand, ...args],
      env: {},
      ui: ctx.ui,
      signal: ctx.signal,
    });
    if (status !== 0)
      throw new KilnError(`Error executing Ansible Galaxy: Non-zero exit status: ${status}`, {
        code: 'provisioner',
        hint: "see ansible-galaxy's output above",
      });
  }
}
