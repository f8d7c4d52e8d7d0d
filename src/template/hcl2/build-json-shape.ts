// How a `build` block written in *.pkr.json reads (Packer's buildSchema, hcl's dynblock adding `dynamic`):
// its sources, provisioners and post-processors are blocks whose bodies are all arguments, meta-arguments
// included (the decoders split those off as for native blocks); `post-processors` holds post-processor blocks.

import type { BodySchema } from './body-schema-model.js';
import { BUILD_META, BUILD_SCHEMA } from './builds.js';
import { DYNAMIC_SCHEMA } from './dynamic-blocks.js';
import type { JsonShape } from './json-native-body.js';
import { CHAIN_SCHEMA } from './post-processor-blocks.js';

/** `schema` plus `dynamic "type" {}` blocks, whose `content` reads as a `type` block does. */
function withDynamic(schema: BodySchema, shapeOf: (type: string) => JsonShape | undefined): JsonShape {
  return {
    schema: { attributes: schema.attributes, blocks: { ...schema.blocks, dynamic: ['type'] } },
    inner: (block) =>
      block.type === 'dynamic' ? dynamicShape(shapeOf(block.labels[0]?.value ?? '')) : shapeOf(block.type),
  };
}

function dynamicShape(content: JsonShape | undefined): JsonShape {
  return {
    schema: { attributes: DYNAMIC_SCHEMA.attributes, blocks: DYNAMIC_SCHEMA.blocks },
    inner: () => content,
  };
}

const CHAIN_SHAPE = withDynamic(CHAIN_SCHEMA, () => undefined);

export const BUILD_JSON_SHAPE: JsonShape = withDynamic(
  { attributes: BUILD_META, blocks: BUILD_SCHEMA.blocks },
  (type) => (type === 'post-processors' ? CHAIN_SHAPE : undefined),
);
