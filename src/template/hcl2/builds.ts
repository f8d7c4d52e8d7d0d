// `build {}` blocks (Packer's decodeBuildConfig): name, description, the sources it builds, and its
// provisioners, error-cleanup-provisioner and post-processor chains, kept as blocks until each source is known.

import type { EvalContext } from '../../hcl/eval/index.js';
import { object, str } from '../../hcl/eval/index.js';
import type { Body, NativeBlock } from '../../hcl/index.js';
import { metaString, metaStringList, splitMeta } from './block-meta.js';
import { bodyContent, isValidIdentifier, nativeBlocks } from './body-schema.js';
import type { Diagnostics } from './diagnostics.js';
import { expandDynamicBlocks } from './dynamic-blocks.js';
import {
  decodePostProcessor,
  decodePostProcessorChain,
  type PostProcessorBlock,
} from './post-processor-blocks.js';
import { decodeProvisioner, type ProvisionerBlock } from './provisioner-blocks.js';
import { invalidReference, type SourceUse, sourceRefFromString, useSource } from './sources.js';

export interface BuildBlock {
  readonly name: string;
  readonly description: string;
  readonly sources: readonly SourceUse[];
  readonly provisioners: readonly ProvisionerBlock[];
  readonly errorCleanupProvisioner: ProvisionerBlock | undefined;
  readonly postProcessors: readonly (readonly PostProcessorBlock[])[];
  readonly block: NativeBlock;
}

/** Packer's own arguments of a build block; its blocks are BUILD_SCHEMA's. */
export const BUILD_META = ['name', 'description', 'sources'];

export const BUILD_SCHEMA = {
  attributes: [],
  blocks: {
    source: ['reference'],
    provisioner: ['type'],
    'error-cleanup-provisioner': ['type'],
    'post-processor': ['type'],
    'post-processors': [],
    hcp_packer_registry: [],
  },
} as const;

/** `ctx`: Packer's LocalContext (var, local, data, path, packer). */
export function decodeBuild(
  block: NativeBlock,
  sources: ReadonlyMap<string, NativeBlock>,
  ctx: EvalContext,
  diags: Diagnostics,
): BuildBlock {
  const { attrs, rest } = splitMeta(block.body, BUILD_META);
  const name = metaString(attrs.get('name'), ctx, diags);
  const description = metaString(attrs.get('description'), ctx, diags);
  const uses: SourceUse[] = [];
  const hadSource = attrs.has('sources') || rest.items.some((i) => i.kind === 'Block' && i.type === 'source');
  for (const text of metaStringList(attrs.get('sources'), ctx, diags)) {
    const ref = sourceRefFromString(text);
    if (ref === undefined || !isValidIdentifier(ref.type) || !isValidIdentifier(ref.name))
      invalidReference(block.typeRange, diags);
    else {
      const use = useSource(ref, undefined, sources, block.typeRange, diags);
      if (use) uses.push(use);
    }
  }
  // Provisioners and post-processors see `build.name` while Packer decodes them.
  const buildCtx = ctx.with(new Map([['build', object([['name', str(name)]])]]));
  const expanded = expandDynamicBlocks(rest, buildCtx, diags);
  const content = bodyContent(
    { ...rest, items: expanded.map((s) => s.item) },
    BUILD_SCHEMA,
    diags,
    block.openBraceRange,
  );
  const scopeOf = (b: NativeBlock) => expanded.find((s) => s.item === b)?.ctx ?? buildCtx;
  const provisioners: ProvisionerBlock[] = [];
  const postProcessors: PostProcessorBlock[][] = [];
  let cleanup: ProvisionerBlock | undefined;
  for (const inner of nativeBlocks(content.blocks)) {
    if (inner.type === 'source') {
      const use = decodeSourceUse(inner, sources, scopeOf(inner), diags);
      if (use) uses.push(use);
    } else if (inner.type === 'provisioner')
      provisioners.push(decodeProvisioner(inner, scopeOf(inner), diags));
    else if (inner.type === 'error-cleanup-provisioner') {
      if (cleanup === undefined) cleanup = decodeProvisioner(inner, scopeOf(inner), diags);
      else diags.error('Only one error-cleanup-provisioner is allowed', '', inner.typeRange);
    } else if (inner.type === 'post-processor')
      postProcessors.push([decodePostProcessor(inner, scopeOf(inner), diags)]);
    else if (inner.type === 'post-processors')
      postProcessors.push(decodePostProcessorChain(inner, scopeOf(inner), diags));
    else
      diags.error(
        'Unsupported block type',
        'Kiln does not implement hcp_packer_registry (publishing build metadata to HCP Packer); remove the block.',
        inner.typeRange,
      );
  }
  if (!hadSource)
    diags.error(
      'missing source reference',
      'a build block must reference at least one source to be built',
      block.typeRange,
    );
  return {
    name,
    description,
    sources: uses,
    provisioners,
    errorCleanupProvisioner: cleanup,
    postProcessors,
    block,
  };
}

/** `source "source.type.name" { name = "local" … }`: `name` renames the use; the rest adds arguments. */
function decodeSourceUse(
  block: NativeBlock,
  sources: ReadonlyMap<string, NativeBlock>,
  ctx: EvalContext,
  diags: Diagnostics,
): SourceUse | undefined {
  const label = block.labels[0];
  const ref = label && sourceRefFromString(label.value);
  if (ref === undefined) {
    invalidReference(block.typeRange, diags);
    return undefined;
  }
  const { attrs, rest } = splitMeta(block.body, ['name']);
  const localName = metaString(attrs.get('name'), ctx, diags);
  const usage: NativeBlock = { ...block, body: rest as Body };
  return useSource(ref, { block: usage, localName }, sources, block.typeRange, diags);
}
