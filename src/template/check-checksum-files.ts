// Fetches each build's `file:` checksum file at validate time, as Packer 1.6.6 does, naming URL and reason on failure.

import { errorMessage } from '../core/errors.js';
import { resolveChecksum } from '../iso/index.js';
import type { ResolvedBuild } from './resolved-build.js';

export interface ChecksumFileProblem {
  readonly build: string;
  readonly message: string;
}

/**
 * Local checksum files are already checked by resolveBuilds; this also downloads remote ones (the network
 * part Packer does during validate). Returns one problem per build whose checksum cannot be resolved.
 */
export async function checkChecksumFiles(
  builds: readonly ResolvedBuild[],
  options: { readonly cwd: string; readonly signal: AbortSignal },
): Promise<ChecksumFileProblem[]> {
  const problems: ChecksumFileProblem[] = [];
  for (const build of builds) {
    const spec = build.config.isoChecksum;
    const isoUrl = build.config.isoUrls[0];
    if (!/^file:/i.test(spec) || isoUrl === undefined || spec.includes('{{')) continue;
    try {
      await resolveChecksum(spec, { isoUrl, baseDir: options.cwd, signal: options.signal });
    } catch (error) {
      if (options.signal.aborted) throw error;
      problems.push({ build: build.name, message: `iso_checksum "${spec}": ${errorMessage(error)}` });
    }
  }
  return problems;
}
