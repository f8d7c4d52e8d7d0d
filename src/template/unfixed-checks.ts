// What Packer 1.6.6's loader rejects before any fixer runs, though `packer fix` would rewrite it quietly.

import { isJsonObject, type JsonValue } from '../json/json-value.js';
import type { ProblemCollector } from './problems.js';

/**
 * A QEMU `disk_size` number with a fraction: Packer's loader reads 10240.5 as the string "10240.5" and fails
 * ("Invalid disk size"); only `packer fix` truncates it to "10240M". Kiln loads fixed templates, so it checks
 * the value as written.
 */
export function checkBeforeFixing(original: JsonValue, problems: ProblemCollector): void {
  if (!isJsonObject(original) || !Array.isArray(original.builders)) return;
  for (const [i, builder] of original.builders.entries()) {
    if (!isJsonObject(builder) || builder.type !== 'qemu') continue;
    const size = builder.disk_size;
    if (typeof size === 'number' && !Number.isInteger(size))
      problems.add(
        `builders[${i}].disk_size`,
        `Invalid disk size: ${size} (a number is a whole count of MiB; write e.g. ${Math.trunc(size)} or "10G")`,
      );
  }
}
