// hcl's Body.Content against a schema: which arguments and blocks a body may hold, with hcl's messages for an
// argument or block it does not expect, a missing required argument, and blocks with the wrong labels.

import type { Attribute, Block, Body, JsonBody, NativeBlock, SourceRange } from '../../hcl/index.js';
import type { BodyContent, BodySchema } from './body-schema-model.js';
import type { Diagnostics } from './diagnostics.js';
import { jsonAttributes, jsonBodyContent } from './json-body-content.js';

export type { BodyContent, BodySchema } from './body-schema-model.js';

/**
 * `where`: the range a missing argument is reported at (the block's opening brace). A JSON body (`.pkr.json`)
 * is decoded by the schema into the same Attribute and Block nodes; its blocks have JSON bodies in turn.
 */
export function bodyContent(
  body: Body | JsonBody,
  schema: BodySchema,
  diags: Diagnostics,
  where: SourceRange,
): BodyContent {
  if (body.kind === 'JsonBody') return jsonBodyContent(body, schema, diags);
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      if (schema.attributes.includes(item.name)) attributes.set(item.name, item);
      else if (schema.partial) continue;
      else if (item.name in schema.blocks)
        diags.error(
          'Unsupported argument',
          `An argument named "${item.name}" is not expected here. Did you mean to define a block of type "${item.name}"?`,
          item.nameRange,
        );
      else
        diags.error(
          'Unsupported argument',
          `An argument named "${item.name}" is not expected here.`,
          item.nameRange,
        );
      continue;
    }
    const labels = schema.blocks[item.type];
    if (labels === undefined && schema.partial) continue;
    if (labels === undefined) {
      const hint = schema.attributes.includes(item.type)
        ? ` Did you mean to define argument "${item.type}"? If so, use the equals sign to assign it a value.`
        : '';
      diags.error(
        'Unsupported block type',
        `Blocks of type "${item.type}" are not expected here.${hint}`,
        item.typeRange,
      );
      continue;
    }
    if (item.labels.length < labels.length) {
      const missing = labels[item.labels.length] as string;
      diags.error(
        `Missing ${missing} for ${item.type}`,
        `All ${item.type} blocks must have ${labels.length} labels (${labels.join(', ')}).`,
        item.openBraceRange,
      );
      continue;
    }
    const extra = item.labels[labels.length];
    if (extra !== undefined) {
      const detail =
        labels.length === 0
          ? `No labels are expected for ${item.type} blocks.`
          : `Only ${labels.length} labels (${labels.join(', ')}) are expected for ${item.type} blocks.`;
      diags.error(`Extraneous label for ${item.type}`, detail, extra.range);
      continue;
    }
    blocks.push(item);
  }
  for (const name of schema.required ?? [])
    if (!attributes.has(name))
      diags.error(
        'Missing required argument',
        `The argument "${name}" is required, but no definition was found.`,
        where,
      );
  return { attributes, blocks };
}

/**
 * hcl's JustAttributes for a native body: its items, blocks included for the caller to refuse in its own words;
 * a JSON body's properties are all arguments.
 */
export function bodyItems(body: Body | JsonBody, diags: Diagnostics): readonly (Attribute | Block)[] {
  return body.kind === 'JsonBody' ? jsonAttributes(body, diags) : body.items;
}

/** Blocks of a native body's content (they are native: only schema-decoded JSON bodies give JSON blocks). */
export function nativeBlocks(blocks: readonly Block[]): NativeBlock[] {
  return blocks.filter((b): b is NativeBlock => b.body.kind === 'Body');
}

/** hclsyntax.ValidIdentifier: a letter or underscore, then letters, digits, underscores and dashes. */
export function isValidIdentifier(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(name);
}

export const BAD_IDENTIFIER_DETAIL =
  'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.';
