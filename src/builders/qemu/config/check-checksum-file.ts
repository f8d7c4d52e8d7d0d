// Fetches a build's `file:` checksum file at validate time, as Packer 1.6.6 does, naming URL and reason on failure.
import { errorMessage } from '../../../core/errors.js';
import { resolveChecksum } from '../../../iso/index.js';
import type { QemuConfig } from './qemu-config.js';

/**
 * Local checksum files are already checked when the config resolves; this also downloads a remote one (the
 * network part Packer does during validate). Returns the problem, if any, as one message.
 */
export async function checkChecksumFile(
  config: QemuConfig,
  options: { readonly cwd: string; readonly signal: AbortSignal },
): Promise<string[]> {
  const spec = config.isoChecksum;
  const isoUrl = config.isoUrls[0];
  if (!/^file:/i.test(spec) || isoUrl === undefined || spec.includes('{{')) return [];
  try {
    await resolveChecksum(spec, { isoUrl, baseDir: options.cwd, signal: options.signal });
    return [];
  } catch (error) {
    if (options.signal.aborted) throw error;
    return [`iso_checksum "${spec}": ${errorMessage(error)}`];
  }
}
