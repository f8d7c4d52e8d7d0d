// The hermetic test OS ISO, built once from Debian packages and reused (its build is reproducible).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const TESTOS_OUT = join(REPO_ROOT, 'test/fixtures/testos/out');
export const TESTOS_ISO = join(TESTOS_OUT, 'kiln-testos.iso');
export const TESTOS_TEMPLATE = join(REPO_ROOT, 'templates/testos.json');

export async function ensureTestOsIso(): Promise<string> {
  if (!existsSync(TESTOS_ISO) || !existsSync(`${TESTOS_ISO}.sha256`)) {
    await execa('bash', [join(REPO_ROOT, 'test/fixtures/testos/build-iso.sh'), TESTOS_OUT], {
      stdio: 'inherit',
    });
  }
  return TESTOS_ISO;
}
