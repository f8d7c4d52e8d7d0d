// A JSON body's blocks (hcl's unpackBlock): one level of nested objects per label, then each object, or each
// object of an array, is one block. Properties are collected from an object or an array of objects.

import {
  type Block,
  type BlockLabel,
  type JsonBody,
  type JsonNode,
  type JsonProperty,
  type SourceRange,
  startRange,
} from '../../hcl/index.js';
import type { Diagnostics } from './diagnostics.js';

export interface BlockType {
  readonly name: string;
  readonly range: SourceRange;
  readonly body: JsonBody;
}

export function unpackBlock(
  value: JsonNode,
  type: BlockType,
  labelsLeft: readonly string[],
  labels: readonly BlockLabel[],
  into: Block[],
  diags: Diagnostics,
): void {
  const [labelName, ...rest] = labelsLeft;
  if (labelName !== undefined) {
    const properties = collectProperties(value, labelName, diags);
    if (properties.length === 0)
      diags.error(
        'Missing block label',
        `At least one object property is required, whose name represents the ${type.name} block's ${labelName}.`,
        startRange(value),
      );
    for (const { name, value: inner } of properties) {
      const label = { value: name.value, quoted: true, range: name.range };
      unpackBlock(inner, type, rest, [...labels, label], into, diags);
    }
    return;
  }
  if (value.kind === 'null') return;
  if (value.kind !== 'object' && value.kind !== 'array') {
    diags.error(
      'Incorrect JSON value type',
      `Either a JSON object or a JSON array is required, representing the contents of one or more "${type.name}" blocks.`,
      startRange(value),
    );
    return;
  }
  const bodies = value.kind === 'object' ? [value] : value.items;
  for (const node of bodies)
    into.push({
      kind: 'Block',
      type: type.name,
      typeRange: type.range,
      labels,
      // An array element that is not an object is reported when this body is read.
      body: { kind: 'JsonBody', value: node, range: node.range, locator: type.body.locator },
      singleLine: false,
      // hcl's DefRange: the brace (or bracket) that opens the definition.
      openBraceRange: value.openRange,
      closeBraceRange: missingItemRange(node),
      range: { file: type.range.file, start: type.range.start, end: node.range.end },
    });
}

/** An object's properties, or the properties of each object in an array, in order. */
export function collectProperties(
  value: JsonNode,
  labelName: string | undefined,
  diags: Diagnostics,
): JsonProperty[] {
  if (value.kind === 'null') return [];
  if (value.kind === 'object') return [...value.properties];
  const purpose =
    labelName === undefined
      ? 'to define arguments and child blocks'
      : `to specify ${labelName} labels for this block`;
  if (value.kind !== 'array') {
    diags.error(
      'Incorrect JSON value type',
      `Either a JSON object or JSON array of objects is required here, ${purpose}.`,
      startRange(value),
    );
    return [];
  }
  return value.items.flatMap((item) => {
    if (item.kind === 'object') return item.properties;
    diags.error('Incorrect JSON value type', `A JSON object is required here, ${purpose}.`, startRange(item));
    return [];
  });
}

/** hcl's MissingItemRange: where a missing argument is reported, an object's closing brace. */
export function missingItemRange(value: JsonNode): SourceRange {
  return value.kind === 'object' ? value.closeRange : startRange(value);
}
