// `source "type" "name" {}` definitions and their uses in a build (`sources = ["source.type.name"]` or a
// `source "source.type.name" { name = "local" … }` block that adds arguments), after Packer's types.source.go
// and types.build.from.go.

import { closestMatch } from '../../core/suggest.js';
import type { NativeBlock, SourceRange } from '../../hcl/index.js';
import { BAD_IDENTIFIER_DETAIL, isValidIdentifier } from './body-schema.js';
import { type Diagnostics, defRange, rangeText } from './diagnostics.js';

/** Packer's SourceRef: `type.name`. */
export interface SourceRef {
  readonly type: string;
  readonly name: string;
}

/** A build's use of a source: its definition's body, plus what the build's `source` block adds. */
export interface SourceUse extends SourceRef {
  /** The `name` the build gives it (`source.name`, the build name's last part); else the definition's. */
  readonly localName: string;
  readonly definition: NativeBlock;
  /** The build's `source` block, when the build has one for this use. */
  readonly usage: NativeBlock | undefined;
}

/** `source.<type>.<name>`, `<type>.<name>`; anything else is not a reference (sourceRefFromString). */
export function sourceRefFromString(text: string): SourceRef | undefined {
  const parts = text.split('.');
  if (parts.length < 2) return undefined;
  const [type, name] = parts.length > 2 ? parts.slice(1) : parts;
  return { type: type as string, name: name as string };
}

export const refText = (ref: SourceRef): string => `${ref.type}.${ref.name}`;

/** Top-level `source` blocks by `type.name`; a second block with the same type and name is an error. */
export function collectSources(blocks: readonly NativeBlock[], diags: Diagnostics): Map<string, NativeBlock> {
  const sources = new Map<string, NativeBlock>();
  for (const block of blocks) {
    const [type, name] = block.labels.map((l) => l.value) as [string, string];
    const key = `${type}.${name}`;
    const existing = sources.get(key);
    if (existing) {
      diags.error(
        'Duplicate source block',
        `This source block has the same builder type and name as a previous block declared at ${rangeText(defRange(existing))}. Each source must have a unique name per builder type.`,
        block.typeRange,
      );
      continue;
    }
    if (!isValidIdentifier(type) || !isValidIdentifier(name)) {
      diags.error('Invalid source name', BAD_IDENTIFIER_DETAIL, block.labels[0]?.range ?? block.typeRange);
      continue;
    }
    sources.set(key, block);
  }
  return sources;
}

/** Looks a build's reference up: "Unknown source type.name" (with a suggestion) when it is not defined. */
export function useSource(
  ref: SourceRef,
  usage: { block: NativeBlock; localName: string } | undefined,
  sources: ReadonlyMap<string, NativeBlock>,
  where: SourceRange,
  diags: Diagnostics,
): SourceUse | undefined {
  const definition = sources.get(refText(ref));
  if (definition === undefined) {
    const known = [...sources.keys()].sort();
    const match = closestMatch(refText(ref), known);
    diags.error(
      `Unknown source ${refText(ref)}`,
      match === undefined ? `Known: [${known.join(' ')}]` : `Did you mean to use "${match}"?`,
      where,
    );
    return undefined;
  }
  return {
    ...ref,
    localName: usage?.localName || ref.name,
    definition,
    usage: usage?.block,
  };
}

export function invalidReference(where: SourceRange, diags: Diagnostics): void {
  diags.error(
    'Invalid source reference',
    'A source type is made of three parts that aresplit by a dot `.`; each part must start with a letter and may contain only letters, digits, underscores, and dashes.A valid source reference looks like: `source.type.name`',
    where,
  );
}
