// A block written in HCL's JSON syntax read into native nodes, as hcl reads a JSON body: by the schema of the
// code that decodes it (its arguments and block types), every property an argument where there is none (hcl's
// JustAttributes: a plugin's options, a nested object an object value). The decoders then read one syntax.

import type { Block, Body, JsonBody, NativeBlock } from '../../hcl/index.js';
import type { BodySchema } from './body-schema-model.js';
import type { Diagnostics } from './diagnostics.js';
import { jsonAttributes, jsonBodyContent } from './json-body-content.js';

/** A body's schema and, for each block it yields, how that block's body reads (undefined: all arguments). */
export interface JsonShape {
  /** Without `required`: the decoder that reads the native result reports a missing argument itself. */
  readonly schema: BodySchema;
  readonly inner: (block: Block) => JsonShape | undefined;
}

/** A native block as it is; a JSON block with its body read by `shape` (undefined: every property an argument). */
export function readAsNative(block: Block, shape: JsonShape | undefined, diags: Diagnostics): NativeBlock {
  if (block.body.kind === 'Body') return block as NativeBlock;
  return { ...block, body: nativeBody(block.body, shape, diags) };
}

function nativeBody(body: JsonBody, shape: JsonShape | undefined, diags: Diagnostics): Body {
  if (shape === undefined) return { kind: 'Body', items: jsonAttributes(body, diags), range: body.range };
  const { attributes, blocks } = jsonBodyContent(body, shape.schema, diags);
  const items = [
    ...attributes.values(),
    ...blocks.map((block) => readAsNative(block, shape.inner(block), diags)),
  ];
  return { kind: 'Body', items, range: body.range };
}
