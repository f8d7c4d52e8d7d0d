// The hermetic test OS ISO, built from Debian packages and reused while its sources are unchanged (its build
// is reproducible, so a rebuild from the same sources gives the same bytes).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const TESTOS_SOURCES = join(REPO_ROOT, 'test/fixtures/testos');
export const TESTOS_OUT = join(TESTOS_SOURCES, 'out');
export const TESTOS_ISO = join(TESTOS_OUT, 'kiln-testos.iso');
export const TESTOS_TEMPLATE = join(REPO_ROOT, 'templates/testos.json');

export async function ensureTestOsIso(): Promise<string> {
  const checksum = `${TESTOS_ISO}.sha256`;
  const stale =
    !existsSync(TESTOS_ISO) ||
    !existsSync(checksum) ||
    newestSource(TESTOS_SOURCES) > statSync(checksum).mtimeMs;
  if (stale) {
    await execa('bash', [join(TESTOS_SOURCES, 'build-iso.sh'), TESTOS_OUT], { stdio: 'inherit' });
  }
  return TESTOS_ISO;
}

/** The newest modification time among the ISO's sources (the scripts, initrd, boot configs; not out/). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === TESTOS_OUT) continue;
    const mtime = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}
