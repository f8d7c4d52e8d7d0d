// The `host-info` data source (github.com/stromweld/host-info, Apache-2.0), which bento's templates use to pick
// the accelerator: no arguments; outputs os_type and architecture as Go's runtime names them (GOOS, GOARCH) and
// platform, family and version as gopsutil's host.Info reads them from the release files.

import { readFileSync } from 'node:fs';
import { type HclValue, object, str } from '../../hcl/eval/index.js';

const GOOS: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris' };
const GOARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };

/** gopsutil's PlatformFamily for the platforms a build host is likely to run. */
const FAMILY: Readonly<Record<string, string>> = {
  debian: 'debian',
  ubuntu: 'debian',
  linuxmint: 'debian',
  raspbian: 'debian',
  rhel: 'rhel',
  centos: 'rhel',
  rocky: 'rhel',
  almalinux: 'rhel',
  ol: 'rhel',
  amzn: 'rhel',
  fedora: 'fedora',
  opensuse: 'suse',
  'opensuse-leap': 'suse',
  sles: 'suse',
  alpine: 'alpine',
  arch: 'arch',
  gentoo: 'gentoo',
};

export function hostInfo(read: (path: string) => string | undefined = readText): HclValue {
  const release = parseOsRelease(read('/etc/os-release') ?? '');
  const id = process.platform === 'linux' ? (release.get('ID') ?? '') : process.platform;
  // gopsutil names RHEL "redhat" and Oracle Linux "oracle"; on Debian the version is /etc/debian_version.
  const platform = { rhel: 'redhat', ol: 'oracle', amzn: 'amazon' }[id] ?? id;
  const version =
    id === 'debian' ? (read('/etc/debian_version')?.trim() ?? '') : (release.get('VERSION_ID') ?? '');
  return object([
    ['os_type', str(GOOS[process.platform] ?? process.platform)],
    ['version', str(version)],
    ['architecture', str(GOARCH[process.arch] ?? process.arch)],
    ['platform', str(platform)],
    ['family', str(FAMILY[id] ?? (process.platform === 'darwin' ? 'Standalone Workstation' : ''))],
  ]);
}

function parseOsRelease(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1] as string, (match[2] as string).replace(/^["']|["']$/g, ''));
  }
  return values;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
