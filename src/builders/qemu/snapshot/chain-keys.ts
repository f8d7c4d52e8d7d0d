// The keys of the snapshots after each provisioner: each is the hash of the one before it plus that
// provisioner's definition and the bytes of every local file it uploads or runs, so a change to provisioner N
// changes the keys from N on and leaves the install and provisioners 1..N-1 reusable.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { RunnableProvisioner } from '../../../plugins/plugin.js';
import { hashTree } from '../../../snapshot-cache/tree-hash.js';

/**
 * [install key, after provisioner 1, …]; it ends before the first provisioner the cache cannot key (its plugin
 * does not name its files), since nothing after it could be trusted.
 */
export async function chainKeys(
  installKey: string,
  provisioners: readonly RunnableProvisioner[],
  cwd: string,
): Promise<string[]> {
  const keys = [installKey];
  for (const provisioner of provisioners) {
    const identity = provisioner.identity;
    if (!identity?.localInputs) break;
    const hash = createHash('sha256');
    hash.update(`after ${keys.at(-1)}\n`);
    hash.update(`definition ${JSON.stringify(identity.definition)}\n`);
    // A provisioner that does not run in this build (only/except) changes nothing, but is still a position.
    hash.update(`applies ${provisioner.applies}\n`);
    try {
      for (const input of identity.localInputs) {
        hash.update(`input ${JSON.stringify(input)}\n`);
        await hashTree(hash, resolve(cwd, input));
      }
    } catch {
      break; // a file made during the build (`generated`): it cannot be known before it exists
    }
    keys.push(hash.digest('hex'));
  }
  return keys;
}
