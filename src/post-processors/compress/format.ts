// Packer's compress format detection: the last one or two extensions of `output` (or of `output.format`)
// choose tar, zip or a single compressed file and the compressor; Kiln refuses what it cannot write.
import type { ArchiveFormat } from '../../archive/write-archive.js';

export type DetectedFormat = Omit<ArchiveFormat, 'level'>;

const COMPRESSORS = { gz: 'gzip', zst: 'zstd', xz: 'xz' } as const;
const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {
  lz4: 'lz4 compression',
  bgzf: 'bgzf compression',
};
export const KNOWN_EXTENSIONS = '.tar.gz, .tgz, .gz, .zip, .tar.zst, .zst, .tar.xz, .xz or .tar';

/**
 * `output` unrendered: template actions ({{…}}) are dropped first so `{{.BuildName}}` is never read as an
 * extension. No extension at all gives tar.gz, as in Packer (its default output has none).
 */
export function detectFormat(output: string, format: string | undefined): DetectedFormat | { error: string } {
  const name = (format ? `${output}.${format}` : output).replace(/\{\{.*?\}\}/g, '');
  const base = name.slice(name.lastIndexOf('/') + 1);
  const extensions = [...base.matchAll(/\.([a-z0-9]+)/g)].map((m) => m[1] ?? '');
  const last = extensions.at(-1);
  const tarred = extensions.at(-2) === 'tar';
  if (last === undefined) return { container: 'tar', compression: 'gzip' };
  if (last === 'zip') return { container: 'zip', compression: 'none' };
  if (last === 'tar') return { container: 'tar', compression: 'none' };
  if (last === 'tgz') return { container: 'tar', compression: 'gzip' };
  if (last in COMPRESSORS) {
    const compression = COMPRESSORS[last as keyof typeof COMPRESSORS];
    return { container: tarred ? 'tar' : 'single', compression };
  }
  const what = NOT_IMPLEMENTED[last];
  if (what) return { error: `${what} (.${last}) is not implemented in Kiln; use ${KNOWN_EXTENSIONS}` };
  return {
    error: `cannot tell the archive format from the extension .${last}; name the output ${KNOWN_EXTENSIONS}, or set format`,
  };
}
