// KILN_CACHE_MAX: how much disk the snapshot cache may use, e.g. `20G`, `500M` (qemu-img's size suffixes).
import { KilnError } from '../core/errors.js';

/** Room for a few Debian-sized snapshot chains; ISOs are not counted (they have their own cache). */
export const DEFAULT_CACHE_MAX = 20 * 1024 ** 3;
const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i;
const FACTOR: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export function cacheMaxBytes(env: NodeJS.ProcessEnv): number {
  const text = env.KILN_CACHE_MAX?.trim();
  if (!text) return DEFAULT_CACHE_MAX;
  const match = SIZE.exec(text);
  if (!match) {
    throw new KilnError(`KILN_CACHE_MAX is not a size: '${text}'`, {
      code: 'config',
      hint: 'use a number of bytes with an optional K, M, G or T suffix, e.g. 20G',
    });
  }
  const [, amount = '0', unit = ''] = match;
  return Math.floor(Number(amount) * (FACTOR[unit.toLowerCase()] ?? 1));
}
