// Build names: a fixer's type rename keeps the old name, and `name` is rendered with user variables (Packer).

import type { FunctionContext } from '../gotemplate/functions/function-table.js';
import { isJsonObject, type JsonValue } from '../json/json-value.js';
import type { ProblemCollector } from './problems.js';
import type { RawBuilder } from './raw-types.js';
import { renderTemplateString } from './render-string.js';

/**
 * Packer 1.6.6 names an unnamed `proxmox` or `vmware` builder after the type as written; Kiln loads the template
 * as `packer fix` rewrote it (`proxmox-iso`), so the name the template's only/except use is set explicitly.
 */
export function keepNamesOfRetypedBuilders(original: JsonValue, fixed: JsonValue): JsonValue {
  if (!isJsonObject(original) || !isJsonObject(fixed)) return fixed;
  const before = original.builders;
  const after = fixed.builders;
  if (!Array.isArray(before) || !Array.isArray(after)) return fixed;
  const builders = after.map((builder, i) => {
    const old = before[i];
    if (!isJsonObject(builder) || !isJsonObject(old)) return builder;
    const named = typeof old.name === 'string' && old.name !== '';
    if (named || typeof old.type !== 'string' || old.type === builder.type) return builder;
    return { ...builder, name: old.type };
  });
  return { ...fixed, builders };
}

/**
 * Renders each builder's name as Packer's Core does before matching -only/-except (`{{user `x`}}` names, as
 * bento writes them). Build-time values (`build_name`, `.Fields`) are not available, as in Packer.
 */
export function renderBuildNames(
  builders: readonly RawBuilder[],
  ctx: FunctionContext,
  problems: ProblemCollector,
): RawBuilder[] {
  return builders.map((builder) => {
    if (!builder.rawName.includes('{{')) return builder;
    try {
      return { ...builder, name: renderTemplateString(builder.rawName, ctx, { keepUnresolved: false }) };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      problems.add(
        `${builder.path}.name`,
        `Error interpolating builder '${builder.rawName}': ${error.message}`,
      );
      return builder;
    }
  });
}
