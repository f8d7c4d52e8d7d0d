// The inputs of templates/debian12-jeos.json: the test OS installer ISO and the debootstrap root filesystem
// (test/fixtures/jeos/build-rootfs.sh, cached by its package list and script, so only the first run is slow).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ensureTestOsIso, REPO_ROOT } from './testos.js';

export const JEOS_TEMPLATE = join(REPO_ROOT, 'templates/debian12-jeos.json');
const JEOS_OUT = join(REPO_ROOT, 'test/fixtures/jeos/out');

export async function ensureJeosInputs(): Promise<void> {
  await ensureTestOsIso();
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const script = join(REPO_ROOT, 'test/fixtures/jeos/build-rootfs.sh');
  const [command, ...args] = [...asRoot, 'bash', script, JEOS_OUT];
  await execa(command as string, args, { stdio: 'inherit' });
}

/** The host's Debian mirror (the URI of its bookworm entry), read at run time, never written down. */
export function hostDebianMirror(): string | undefined {
  const dir = '/etc/apt/sources.list.d';
  const files = ['/etc/apt/sources.list', ...readdirSync(dir).map((name) => join(dir, name))];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(https?:\/\/\S+)\s+bookworm\s/m.exec(text);
    if (oneLine) return oneLine[1];
    for (const stanza of text.split(/\n\s*\n/)) {
      if (!/^Suites:.*\sbookworm(\s|$)/m.test(stanza)) continue;
      const uri = /^URIs:\s*(\S+)/m.exec(stanza);
      if (uri) return uri[1];
    }
  }
  return undefined;
}

/** Whether the mirror answers over HTTP from the host (the guest reaches it through QEMU's user network). */
export async function mirrorAnswers(mirror: string): Promise<boolean> {
  try {
    const response = await fetch(`${mirror.replace(/\/$/, '')}/dists/bookworm/Release`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
