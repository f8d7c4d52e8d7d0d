// ssh_clear_authorized_keys: remove the build's temporary public key from the guest user's
// ~/.ssh/authorized_keys after provisioning (Packer's StepCleanupTempKeys).
import { errorMessage, KilnError } from '../core/errors.js';
import type { Communicator } from './communicator.js';

/**
 * Packer deletes the lines ending in the key's comment; Kiln matches the key itself, so a line written
 * without the comment goes too. `%` delimits the address: base64 never contains it. `&&`, not Packer's `;`,
 * so a failed edit is reported.
 */
export function removeAuthorizedKeyCommand(publicKey: string): string {
  const blob = publicKey.split(/\s+/)[1] ?? '';
  if (!/^[A-Za-z0-9+/=]+$/.test(blob))
    throw new KilnError(`not an authorized_keys line: ${publicKey}`, { code: 'internal' });
  return `sed -i.bak '\\%${blob}%d' ~/.ssh/authorized_keys && rm -f ~/.ssh/authorized_keys.bak`;
}

/** Like Packer, a failure is reported, never fatal: the key dies with the build anyway. */
export async function removeAuthorizedKey(
  communicator: Communicator,
  publicKey: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  try {
    let stderr = '';
    const result = await communicator.run(removeAuthorizedKeyCommand(publicKey), {
      signal,
      onStderr: (chunk) => {
        stderr += chunk;
      },
    });
    return result.exitCode === 0 ? undefined : `exit status ${result.exitCode}: ${stderr.trim()}`;
  } catch (error) {
    if (signal.aborted) throw error;
    return errorMessage(error);
  }
}
