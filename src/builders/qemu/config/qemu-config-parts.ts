// Groups of QEMU options resolved together: ISO, disk sizes, port ranges, HTTP, files that must exist.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { KeyPath } from '../../../json/json-value.js';
import type { FieldReader } from '../../../template/decode/field-reader.js';
import type { PluginEnv } from '../../../template/plugin-env.js';
import type { ProblemCollector } from '../../../template/problems.js';
import { checkChecksumSpec } from './checksum-source.js';
import { parseDiskSize } from './disk-size.js';
import type { QemuConfig } from './qemu-config.js';

type Iso = Pick<
  QemuConfig,
  'isoUrls' | 'isoChecksum' | 'isoTargetPath' | 'isoTargetExtension' | 'isoSkipCache'
>;

export function resolveIso(f: FieldReader, base: KeyPath, problems: ProblemCollector, cwd: string): Iso {
  const single = f.string('iso_url') || undefined;
  const many = f.stringList('iso_urls') ?? [];
  if (single !== undefined && many.length > 0) {
    problems.add(`${base}.iso_urls`, 'Only one of iso_url or iso_urls must be specified');
  } else if (single === undefined && many.length === 0) {
    problems.add(`${base}.iso_url`, 'One of iso_url or iso_urls must be specified');
  }
  const isoSkipCache = f.bool('iso_skip_cache') ?? false;
  const isoChecksum = isoSkipCache ? 'none' : (f.string('iso_checksum') ?? '');
  if (isoChecksum === '') problems.add(`${base}.iso_checksum`, 'A checksum must be specified (or "none")');
  else if (isoChecksum === 'none')
    problems.warn(
      `${base}.iso_checksum`,
      "a checksum of 'none' was specified; a checksum is highly recommended",
    );
  else if (isoChecksum.toLowerCase().endsWith('.iso')) {
    problems.add(
      `${base}.iso_checksum`,
      `'${isoChecksum}' is not a checksum: .iso is not a valid checksum ending`,
    );
  } else checkChecksumSpec(isoChecksum, `${base}.iso_checksum`, cwd, problems, single ?? many[0]);
  return {
    isoUrls: single !== undefined ? [single] : many,
    isoChecksum,
    isoTargetPath: f.string('iso_target_path') || undefined,
    isoTargetExtension: (f.string('iso_target_extension') || 'iso').toLowerCase(),
    isoSkipCache,
  };
}

export function resolveDiskSize(
  f: FieldReader,
  base: KeyPath,
  problems: ProblemCollector,
): { diskSize: string; diskSizeBytes: number; diskSizeMiB: number } {
  const written = f.string('disk_size') ?? '';
  const text = written === '' || written === '0' ? '40960M' : written;
  const size = parseDiskSize(text);
  if (size === undefined) {
    problems.add(
      `${base}.disk_size`,
      `invalid disk size '${written}': expected a number of MiB or digits with b, k, m, g or t (e.g. "10G"), at most 8 PiB`,
    );
    return { diskSize: '40960M', diskSizeBytes: 40960 * 1024 ** 2, diskSizeMiB: 40960 };
  }
  return { diskSize: size.text, diskSizeBytes: size.bytes, diskSizeMiB: size.mib };
}

export function resolveAdditionalSizes(f: FieldReader, base: KeyPath, problems: ProblemCollector): string[] {
  return (f.stringList('disk_additional_size') ?? []).map((text, i) => {
    const size = parseDiskSize(text);
    if (size === undefined) problems.add(`${base}.disk_additional_size[${i}]`, `invalid disk size '${text}'`);
    return size?.text ?? text;
  });
}

/** `<prefix>_min`/`<prefix>_max` with defaults and Packer's checks. */
function portRange(
  f: FieldReader,
  base: KeyPath,
  problems: ProblemCollector,
  prefix: string,
  min: number,
  max: number,
) {
  const low = f.int(`${prefix}_min`) || min;
  const high = f.int(`${prefix}_max`) || max;
  // Packer would fail to listen at build time; a negative port is refused now.
  if (low < 0) problems.add(`${base}.${prefix}_min`, `${prefix}_min (${low}) must be a port, 0 to 65535`);
  if (low > high)
    problems.add(`${base}.${prefix}_min`, `${prefix}_min (${low}) must be less than ${prefix}_max (${high})`);
  if (high > 65535) problems.add(`${base}.${prefix}_max`, `${prefix}_max (${high}) must be at most 65535`);
  return [low, high] as const;
}

export function resolveVncPorts(f: FieldReader, base: KeyPath, problems: ProblemCollector) {
  const [vncPortMin, vncPortMax] = portRange(f, base, problems, 'vnc_port', 5900, 6000);
  // QEMU takes a display number (port - 5900), so lower ports cannot be expressed.
  if (vncPortMin < 5900)
    problems.add(`${base}.vnc_port_min`, `vnc_port_min (${vncPortMin}) cannot be below 5900`);
  return { vncPortMin, vncPortMax };
}

export function resolveHostPorts(
  f: FieldReader,
  base: KeyPath,
  problems: ProblemCollector,
): { hostPortMin: number; hostPortMax: number } {
  for (const old of ['ssh_host_port_min', 'ssh_host_port_max']) {
    if (f.has(old)) problems.warn(`${base}.${old}`, `deprecated; use '${old.replace('ssh_', '')}'`);
  }
  const hostPortMin = f.int('ssh_host_port_min') || f.int('host_port_min') || 2222;
  const hostPortMax = f.int('ssh_host_port_max') || f.int('host_port_max') || 4444;
  if (hostPortMin > hostPortMax) {
    problems.add(
      `${base}.host_port_min`,
      `host_port_min (${hostPortMin}) must be less than host_port_max (${hostPortMax})`,
    );
  }
  if (hostPortMin < 0) problems.add(`${base}.host_port_min`, 'host_port_min must be positive');
  return { hostPortMin, hostPortMax };
}

export function resolveHttp(
  f: FieldReader,
  base: KeyPath,
  env: PluginEnv,
): {
  httpDirectory: string | undefined;
  httpContent: Record<string, string> | undefined;
  httpPortMin: number;
  httpPortMax: number;
  httpBindAddress: string | undefined;
} {
  const httpDirectory = f.string('http_directory') || undefined;
  const httpContent = f.stringMap('http_content');
  if (httpDirectory !== undefined && httpContent !== undefined) {
    env.problems.add(`${base}.http_content`, 'http_directory and http_content cannot both be set');
  }
  if (httpDirectory !== undefined && !existsSync(resolve(env.cwd, httpDirectory))) {
    env.problems.add(`${base}.http_directory`, `http_directory not found: ${httpDirectory}`);
  }
  for (const path of Object.keys(httpContent ?? {})) {
    if (!path.startsWith('/'))
      env.problems.add(`${base}.http_content`, `http_content keys must start with '/': '${path}'`);
  }
  const [httpPortMin, httpPortMax] = portRange(f, base, env.problems, 'http_port', 8000, 9000);
  return {
    httpDirectory,
    httpContent,
    httpPortMin,
    httpPortMax,
    httpBindAddress: f.string('http_bind_address') || undefined,
  };
}

/** Files/dirs (globs allowed) that must exist at validation time, as Packer's floppy/cd config checks; absolute. */
export function checkFiles(
  f: FieldReader,
  key: string,
  base: KeyPath,
  env: PluginEnv,
  what: string,
): string[] {
  const paths = f.stringList(key) ?? [];
  for (const [i, path] of paths.entries()) {
    // An empty entry (often an unset variable) is an error in Packer too ("Bad CD disk file ''").
    if (path === '' || (!/[*?[]/.test(path) && !existsSync(resolve(env.cwd, path)))) {
      env.problems.add(`${base}.${key}[${i}]`, `${what} '${path}': no such file or directory`);
    }
  }
  // Absolute from here on (the build may run elsewhere); a trailing slash still means "the contents".
  return paths.map((path) => resolve(env.cwd, path) + (path.endsWith('/') && path !== '/' ? '/' : ''));
}

export function checkPrivateKey(path: string | undefined, keyPath: KeyPath, env: PluginEnv): void {
  if (path === undefined) return;
  const expanded = path.startsWith('~/') || path === '~' ? homedir() + path.slice(1) : path;
  if (!existsSync(resolve(env.cwd, expanded))) {
    env.problems.add(keyPath, `ssh_private_key_file is invalid: ${path}: no such file`);
  }
}
