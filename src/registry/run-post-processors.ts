// Runs a build's post-processor chains with Packer's artifact rules: each chain starts from the builder's
// artifact; a chain's intermediate artifacts are removed unless kept; the builder's artifact is removed when
// post-processors exist and none keeps it.
import { errorMessage } from '../core/errors.js';
import type { Ui } from '../core/ui.js';
import type { Artifact, PostProcessorResult } from '../plugins/artifact.js';
import type { AnyPostProcessor } from './registry.js';

export type RunPostProcessor = (pp: AnyPostProcessor, input: Artifact) => Promise<PostProcessorResult>;

/**
 * `onDisk` holds every artifact made so far and not yet deleted (the builder's first): when a post-processor
 * fails, that is what the build leaves behind.
 */
export async function runPostProcessorChains(
  chains: readonly (readonly AnyPostProcessor[])[],
  builderArtifact: Artifact,
  run: RunPostProcessor,
  ui: Ui,
  onDisk: Artifact[] = [builderArtifact],
): Promise<Artifact[]> {
  const results: Artifact[] = [];
  let keepBuilderArtifact = chains.every((chain) => chain.length === 0);
  for (const chain of chains) {
    let current = builderArtifact;
    for (const pp of chain) {
      // A skipped post-processor ends its chain (Packer).
      if (!pp.applies) break;
      ui.say(`Running post-processor: ${pp.name}`);
      const result = await run(pp, current);
      onDisk.push(result.artifact);
      const keep = result.forceKeepInput || (pp.keepInputArtifact ?? result.keepInputDefault);
      if (current === builderArtifact) keepBuilderArtifact ||= keep;
      else if (!keep) await destroy(current, ui, onDisk);
      current = result.artifact;
    }
    if (current !== builderArtifact) results.push(current);
  }
  if (keepBuilderArtifact) return [builderArtifact, ...results];
  await destroy(builderArtifact, ui, onDisk);
  return results;
}

async function destroy(artifact: Artifact, ui: Ui, onDisk: Artifact[]): Promise<void> {
  ui.message(`Deleting intermediate artifact: ${artifact.description}`);
  try {
    await artifact.destroy();
    onDisk.splice(onDisk.indexOf(artifact), 1);
  } catch (error) {
    ui.error(`could not delete ${artifact.description}: ${errorMessage(error)}`);
  }
}
