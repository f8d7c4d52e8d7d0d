// hcl's JSON body against a schema (json/structure.go): a property is an argument or a block only because the
// schema says so; a block's labels are levels of nested objects; `"//"` is a comment. hcl's messages throughout.

import { editDistance } from '../../core/suggest.js';
import {
  type Attribute,
  type Block,
  HclSyntaxError,
  type JsonBody,
  type JsonProperty,
  jsonExpression,
  startRange,
} from '../../hcl/index.js';
import type { BodyContent, BodySchema } from './body-schema-model.js';
import { type Diagnostics, rangeText } from './diagnostics.js';
import { collectProperties, missingItemRange, unpackBlock } from './json-body-blocks.js';

export function jsonBodyContent(body: JsonBody, schema: BodySchema, diags: Diagnostics): BodyContent {
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  const properties = collectProperties(body.value, undefined, diags);
  for (const property of properties) {
    const name = property.name.value;
    if (schema.attributes.includes(name)) {
      const existing = attributes.get(name);
      if (existing)
        diags.error(
          'Duplicate argument',
          `The argument "${name}" was already set at ${rangeText(existing.range)}.`,
          property.name.range,
        );
      else {
        const attribute = jsonAttribute(property, body, diags);
        if (attribute) attributes.set(name, attribute);
      }
    } else if (name in schema.blocks) {
      const labels = schema.blocks[name] as readonly string[];
      unpackBlock(property.value, { name, range: property.name.range, body }, labels, [], blocks, diags);
    }
  }
  if (!schema.partial) {
    const suggestions = [
      ...schema.attributes.filter((a) => !attributes.has(a)),
      ...Object.keys(schema.blocks),
    ];
    for (const { name } of properties) {
      if (name.value === '//' || schema.attributes.includes(name.value) || name.value in schema.blocks)
        continue;
      const suggestion = suggestions.find((s) => editDistance(name.value, s) < 3);
      diags.error(
        'Extraneous JSON object property',
        `No argument or block type is named "${name.value}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        name.range,
      );
    }
  }
  for (const name of schema.required ?? [])
    if (!attributes.has(name))
      diags.error(
        'Missing required argument',
        `The argument "${name}" is required, but no definition was found.`,
        missingItemRange(body.value),
      );
  return { attributes, blocks };
}

/** hcl's JustAttributes: every property of one object is an argument. */
export function jsonAttributes(body: JsonBody, diags: Diagnostics): Attribute[] {
  if (body.value.kind !== 'object') {
    diags.error(
      'Incorrect JSON value type',
      'A JSON object is required here, setting the arguments for this block.',
      startRange(body.value),
    );
    return [];
  }
  const seen = new Map<string, Attribute>();
  for (const property of body.value.properties) {
    const name = property.name.value;
    if (name === '//') continue;
    const existing = seen.get(name);
    if (existing) {
      diags.error(
        'Duplicate attribute definition',
        `The argument "${name}" was already set at ${rangeText(existing.range)}.`,
        property.name.range,
      );
      continue;
    }
    const attribute = jsonAttribute(property, body, diags);
    if (attribute) seen.set(name, attribute);
  }
  return [...seen.values()];
}

function jsonAttribute(property: JsonProperty, body: JsonBody, diags: Diagnostics): Attribute | undefined {
  const { name, value } = property;
  try {
    const expr = jsonExpression(value, body.locator);
    const range = { file: name.range.file, start: name.range.start, end: value.range.end };
    return { kind: 'Attribute', name: name.value, nameRange: name.range, expr, range };
  } catch (error) {
    if (!(error instanceof HclSyntaxError)) throw error;
    diags.error(error.summary, error.detail, error.range);
    return undefined;
  }
}
