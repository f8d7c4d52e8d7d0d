// An evaluated HCL body as the JSON object Kiln's plugin decoders read: an attribute becomes its value, a
// nested block an object, a block type written more than once a list of objects (as a plugin's hcldec spec
// shapes them, e.g. qemu's `qemu_img_args {}`); a null attribute is left out, as HCL treats it as unset.
// Every key path gets the file:line:col of its name, so a decoder's "unknown key" points into the HCL file.

import { type HclValue, isMapping, isSequence, numberText } from '../../hcl/eval/index.js';
import type { Attribute, NativeBlock, SourceRange } from '../../hcl/index.js';
import { childPath, type JsonObject, type JsonValue, type KeyPath } from '../../json/json-value.js';
import type { Diagnostics } from './diagnostics.js';
import { rangeText } from './diagnostics.js';
import type { ScopedItem } from './dynamic-blocks.js';
import { expandDynamicBlocks } from './dynamic-blocks.js';
import { evaluateInto } from './evaluate-into.js';

/** A key's place in an HCL file (the JSON path leaves `file` out: one document, one file). */
export interface FilePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type PositionMap = Map<KeyPath, FilePosition>;

export function positionOf(range: SourceRange): FilePosition {
  return { file: range.file, line: range.start.line, column: range.start.column };
}

export function hclToJson(value: HclValue): JsonValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'string':
    case 'bool':
      return value.value;
    case 'number':
      // cty numbers print exactly; a JSON number keeps the decoders' int/float checks.
      return Number(numberText(value.value));
    default:
      if (isSequence(value)) return value.items.map(hclToJson);
      if (isMapping(value)) return Object.fromEntries([...value.attrs].map(([k, v]) => [k, hclToJson(v)]));
      return null;
  }
}

/**
 * Items (already expanded, with their scopes) as a JSON object at `path`. Two definitions of one argument are
 * hcl's "Duplicate argument" (a build's `source` block may add arguments, not redefine them, as in Packer).
 */
export function itemsToJson(
  items: readonly ScopedItem[],
  path: KeyPath,
  positions: PositionMap,
  diags: Diagnostics,
): JsonObject {
  const out: Record<string, JsonValue> = {};
  const seen = new Map<string, SourceRange>();
  const blocks = new Map<string, ScopedItem<NativeBlock>[]>();
  for (const scoped of items) {
    const { item } = scoped;
    if (item.kind === 'Block') {
      blocks.set(item.type, [...(blocks.get(item.type) ?? []), { item, ctx: scoped.ctx }]);
      continue;
    }
    if (!firstDefinition(item, seen, diags)) continue;
    const value = evaluateInto(item.expr, scoped.ctx, diags);
    if (value === undefined || value.type === 'null') continue;
    positions.set(childPath(path, item.name), positionOf(item.nameRange));
    out[item.name] = hclToJson(value);
  }
  for (const [type, list] of blocks) {
    const first = list[0]?.item as NativeBlock;
    if (seen.has(type)) {
      diags.error(
        'Unsupported block type',
        `Blocks of type "${type}" are not expected here: argument "${type}" is already set at ${rangeText(seen.get(type) as SourceRange)}.`,
        first.typeRange,
      );
      continue;
    }
    const at = childPath(path, type);
    positions.set(at, positionOf(first.typeRange));
    const objects = list.map(({ item, ctx }, i) => {
      const blockPath = list.length === 1 ? at : childPath(at, i);
      positions.set(blockPath, positionOf(item.typeRange));
      const label = item.labels[0];
      if (label !== undefined)
        diags.error(
          `Extraneous label for ${type}`,
          `No labels are expected for ${type} blocks.`,
          label.range,
        );
      return itemsToJson(expandDynamicBlocks(item.body, ctx, diags), blockPath, positions, diags);
    });
    out[type] = list.length === 1 ? (objects[0] as JsonObject) : objects;
  }
  return out;
}

function firstDefinition(item: Attribute, seen: Map<string, SourceRange>, diags: Diagnostics): boolean {
  const existing = seen.get(item.name);
  if (existing !== undefined) {
    diags.error(
      'Duplicate argument',
      `Argument "${item.name}" was already set at ${rangeText(existing)}. Each argument may be set only once.`,
      item.nameRange,
    );
    return false;
  }
  seen.set(item.name, item.nameRange);
  return true;
}
