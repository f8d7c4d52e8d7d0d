// Every (build, source) pair of an HCL2 configuration evaluated as Packer's GetBuilds does: the source's body
// (definition + the build's additions) with `source.*`, the provisioners and post-processors that apply to it
// with `source.*` and `build.*`, each turned into the JSON objects Kiln's plugin decoders read.

import { type EvalContext, type HclValue, object, str } from '../../hcl/eval/index.js';
import { childPath, type JsonObject, type KeyPath } from '../../json/json-value.js';
import { skips } from './block-meta.js';
import type { BuildBlock } from './builds.js';
import type { Diagnostics } from './diagnostics.js';
import { expandDynamicBlocks } from './dynamic-blocks.js';
import { itemsToJson, type PositionMap, positionOf } from './hcl-to-json.js';
import type { PostProcessorBlock } from './post-processor-blocks.js';
import type { ProvisionerBlock } from './provisioner-blocks.js';
import type { SourceUse } from './sources.js';

export interface EvaluatedProvisioner {
  readonly block: ProvisionerBlock;
  readonly config: JsonObject;
  /** The override for this source's name, if any. */
  readonly override: JsonObject | undefined;
  readonly path: KeyPath;
}

export interface EvaluatedPostProcessor {
  readonly block: PostProcessorBlock;
  readonly config: JsonObject;
  readonly path: KeyPath;
}

export interface EvaluatedBuild {
  /** `<build name>.<type>.<source name>`, or `<type>.<source name>` for an unnamed build (CoreBuild.Name). */
  readonly name: string;
  readonly type: string;
  readonly source: SourceUse;
  readonly build: BuildBlock;
  readonly config: JsonObject;
  readonly path: KeyPath;
  readonly provisioners: readonly EvaluatedProvisioner[];
  readonly errorCleanupProvisioner: EvaluatedProvisioner | undefined;
  /** Chains with the post-processors that apply to this source; empty chains left out, as Packer does. */
  readonly postProcessors: readonly (readonly EvaluatedPostProcessor[])[];
}

export interface BuildScope {
  /** Packer's BuildContext without `source` and `build`. */
  readonly base: EvalContext;
  /** Packer's BuilderDataCommonKeys (`build.<key>`). */
  readonly buildDataKeys: readonly string[];
  /** Where each key path of the evaluated configs was written. */
  readonly positions: PositionMap;
}

export function evaluateBuild(
  build: BuildBlock,
  source: SourceUse,
  scope: BuildScope,
  diags: Diagnostics,
): EvaluatedBuild {
  const { base, positions } = scope;
  const sourceText = `${source.type}.${source.localName}`;
  const name = build.name === '' ? sourceText : `${build.name}.${sourceText}`;
  const path = childPath('builds', name);
  const sourceValue = object([
    ['type', str(source.type)],
    ['name', str(source.localName)],
  ]);
  // A source does not see `build` (Packer: an unknown empty object).
  const sourceCtx = base.with(
    new Map([
      ['source', sourceValue],
      ['build', object([])],
    ]),
  );
  // `build.Host` and the like are known only while the build runs: they evaluate to the Go template action
  // (`{{ .Host }}`) Kiln's run-time rendering fills in, where Packer re-evaluates the block with the values.
  const buildValue = object([
    ...scope.buildDataKeys.map((key) => [key, str(`{{ .${key} }}`)] as const),
    ['name', str(build.name)],
  ]);
  const runVars = new Map([
    ['source', sourceValue],
    ['build', buildValue],
  ]);
  positions.set(path, positionOf(source.usage?.typeRange ?? source.definition.typeRange));
  positions.set(
    `${path}.type`,
    positionOf(source.definition.labels[0]?.range ?? source.definition.typeRange),
  );
  const items = [
    ...expandDynamicBlocks(source.definition.body, sourceCtx, diags),
    ...(source.usage ? expandDynamicBlocks(source.usage.body, sourceCtx, diags) : []),
  ];
  const config = itemsToJson(items, path, positions, diags);
  const provisioner = (block: ProvisionerBlock, at: KeyPath): EvaluatedProvisioner => ({
    block,
    config: pluginConfig(block, at, runVars, positions, diags),
    override: block.override.get(source.localName),
    path: at,
  });
  const cleanup = build.errorCleanupProvisioner;
  return {
    name,
    type: source.type,
    source,
    build,
    config,
    path,
    provisioners: build.provisioners
      .map((block, i) => [block, i] as const)
      .filter(([block]) => !skips(block, sourceText))
      .map(([block, i]) => provisioner(block, childPath(childPath(path, 'provisioner'), i))),
    errorCleanupProvisioner:
      cleanup && !skips(cleanup, sourceText)
        ? provisioner(cleanup, childPath(path, 'error-cleanup-provisioner'))
        : undefined,
    postProcessors: build.postProcessors
      .map((chain, i) =>
        chain
          .map((block, j) => [block, j] as const)
          .filter(([block]) => !skips(block, sourceText))
          .map(([block, j]) => {
            const at = childPath(childPath(childPath(path, 'post-processors'), i), j);
            return { block, config: pluginConfig(block, at, runVars, positions, diags), path: at };
          }),
      )
      .filter((chain) => chain.length > 0),
  };
}

function pluginConfig(
  block: ProvisionerBlock | PostProcessorBlock,
  path: KeyPath,
  runVars: ReadonlyMap<string, HclValue>,
  positions: PositionMap,
  diags: Diagnostics,
): JsonObject {
  const ctx = block.scope.with(runVars);
  positions.set(path, positionOf(block.block.typeRange));
  positions.set(`${path}.type`, positionOf(block.block.labels[0]?.range ?? block.block.typeRange));
  return itemsToJson(expandDynamicBlocks(block.rest, ctx, diags), path, positions, diags);
}
