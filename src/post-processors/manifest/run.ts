// Packer's `manifest` post-processor: records the artifact (files and sizes, id, build, run UUID) in a JSON
// manifest shared by every build of every run, and hands its input on unchanged.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Ui } from '../../core/ui.js';
import type { Artifact, PostProcessorResult } from '../../plugins/artifact.js';
import { inStep } from '../in-step.js';
import type { ManifestConfig } from './config.js';
import { appendToManifest, type ManifestBuild } from './manifest-file.js';

export interface ManifestRun {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  /** The rendered `output` path. */
  readonly output: string;
  /** `custom_data` with its templates rendered; undefined when unset. */
  readonly customData: Readonly<Record<string, string>> | undefined;
  readonly buildName: string;
  readonly builderType: string;
  readonly runUuid: string;
  readonly force: boolean;
  /** Unix seconds now (a parameter so tests can pin it). */
  readonly now: () => number;
}

export async function runManifest(
  config: ManifestConfig,
  input: Artifact,
  run: ManifestRun,
): Promise<PostProcessorResult> {
  const files = await Promise.all(
    input.files.map(async (file) => ({
      name: config.stripPath ? basename(file) : file,
      // Packer records 0 when the file cannot be stat'ed.
      size: await stat(file).then(
        (s) => s.size,
        () => 0,
      ),
    })),
  );
  const buildTime = config.stripTime ? 0 : run.now();
  const build: ManifestBuild = {
    name: run.buildName,
    builder_type: run.builderType,
    ...(buildTime === 0 ? {} : { build_time: buildTime }),
    files: files.length === 0 ? null : files,
    artifact_id: input.id,
    packer_run_uuid: run.runUuid,
    custom_data: run.customData ?? null,
  };
  await inStep({ postProcessor: 'manifest', step: `writing ${run.output}`, input: input.description }, () =>
    appendToManifest(run.output, build, run),
  );
  run.ui.message(`Recorded the artifact in ${run.output}`);
  // The manifest never deletes what it records: the input is handed on and always kept (Packer).
  return { artifact: input, keepInputDefault: true, forceKeepInput: true };
}
