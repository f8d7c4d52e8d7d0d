// `post-processor "type" {}` and `post-processors { post-processor … }` chains in a build (Packer's
// decodePostProcessor): name, only, except and keep_input_artifact are Packer's; the rest is the plugin's.

import type { EvalContext } from '../../hcl/eval/index.js';
import type { Body, NativeBlock } from '../../hcl/index.js';
import { decodeCommonMeta, metaBool, splitMeta } from './block-meta.js';
import { bodyContent, nativeBlocks } from './body-schema.js';
import type { Diagnostics } from './diagnostics.js';
import { expandDynamicBlocks } from './dynamic-blocks.js';

export interface PostProcessorBlock {
  readonly type: string;
  readonly name: string;
  readonly only: readonly string[];
  readonly except: readonly string[];
  readonly keepInputArtifact: boolean | undefined;
  readonly rest: Body;
  readonly block: NativeBlock;
  /** Where it was decoded: a dynamic block's iterator stays in scope for `rest`. */
  readonly scope: EvalContext;
}

const META = ['name', 'only', 'except', 'keep_input_artifact'];

/** A `post-processors` block's body. */
export const CHAIN_SCHEMA = { attributes: [], blocks: { 'post-processor': ['type'] } };

export function decodePostProcessor(
  block: NativeBlock,
  ctx: EvalContext,
  diags: Diagnostics,
): PostProcessorBlock {
  const { attrs, rest } = splitMeta(block.body, META);
  return {
    ...decodeCommonMeta(block, attrs, ctx, diags),
    keepInputArtifact: metaBool(attrs.get('keep_input_artifact'), ctx, diags),
    rest,
    block,
    scope: ctx,
  };
}

/** `post-processors {}`: a chain of `post-processor` blocks (and dynamic ones), nothing else. */
export function decodePostProcessorChain(
  block: NativeBlock,
  ctx: EvalContext,
  diags: Diagnostics,
): PostProcessorBlock[] {
  const expanded = expandDynamicBlocks(block.body, ctx, diags);
  const body = { ...block.body, items: expanded.map((s) => s.item) };
  const { blocks } = bodyContent(body, CHAIN_SCHEMA, diags, block.openBraceRange);
  return nativeBlocks(blocks).map((b) =>
    decodePostProcessor(b, expanded.find((s) => s.item === b)?.ctx ?? ctx, diags),
  );
}
