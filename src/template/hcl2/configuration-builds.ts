// The `source` and `build` blocks of a loaded HCL2 configuration: decoded (enough for `inspect`), then each
// build's sources evaluated (for `validate` and `build`). Every problem is reported at once, redacted.

import type { NativeBlock } from '../../hcl/index.js';
import { BUILD_JSON_SHAPE } from './build-json-shape.js';
import type { BuildBlock } from './builds.js';
import { decodeBuild } from './builds.js';
import { Diagnostics } from './diagnostics.js';
import { type EvaluatedBuild, evaluateBuild } from './evaluate-builds.js';
import type { PositionMap } from './hcl-to-json.js';
import { type JsonShape, readAsNative } from './json-native-body.js';
import { configEvalContext, type Hcl2Config } from './load-config.js';
import { collectSources } from './sources.js';

export interface Hcl2Builds {
  readonly builds: readonly BuildBlock[];
  readonly evaluated: readonly EvaluatedBuild[];
  readonly positions: PositionMap;
  /** File → text, for source frames. */
  readonly texts: ReadonlyMap<string, string>;
}

function decodeAll(config: Hcl2Config, diags: Diagnostics): BuildBlock[] {
  // A block from a *.pkr.json file is read into native nodes first: a source's body is all plugin options.
  const blocks = (type: string, shape: JsonShape | undefined): NativeBlock[] =>
    config.otherBlocks.filter((b) => b.type === type).map((b) => readAsNative(b, shape, diags));
  const sources = collectSources(blocks('source', undefined), diags);
  return blocks('build', BUILD_JSON_SHAPE).map((block) =>
    decodeBuild(block, sources, configEvalContext(config), diags),
  );
}

/**
 * `inspect`: the builds as written, their sources looked up, nothing evaluated per source. `keepGoing`: what
 * does not decode is left out, as Packer's inspect prints what its Initialize got to.
 */
export function decodeHcl2Builds(
  config: Hcl2Config,
  options: { keepGoing?: boolean } = {},
): readonly BuildBlock[] {
  const diags = new Diagnostics(textsOf(config));
  const builds = decodeAll(config, diags);
  if (options.keepGoing !== true) diags.throwIfErrors(config.path, config.redact);
  return builds;
}

/** `validate` and `build`: every (build, source) pair evaluated; a name used twice is an error. */
export function evaluateHcl2Builds(
  config: Hcl2Config,
  buildDataKeys: readonly string[],
  options: { readonly allowNoBuild?: boolean } = {},
): Hcl2Builds {
  const diags = new Diagnostics(textsOf(config));
  const builds = decodeAll(config, diags);
  if (!config.otherBlocks.some((b) => b.type === 'build') && options.allowNoBuild !== true)
    diags.error(
      'Missing build block',
      'A build block with one or more sources is required for executing a build.',
    );
  const scope = { base: configEvalContext(config), buildDataKeys, positions: new Map() };
  const evaluated: EvaluatedBuild[] = [];
  for (const build of builds)
    for (const source of build.sources) {
      const one = evaluateBuild(build, source, scope, diags);
      if (evaluated.some((other) => other.name === one.name))
        diags.error(
          'Duplicate build name',
          `Two builds are named "${one.name}": -only, -except and each build's output would mix them; Kiln refuses this (give one of the build blocks a name, or the source block a different name).`,
          build.block.typeRange,
        );
      evaluated.push(one);
    }
  diags.throwIfErrors(config.path, config.redact);
  return { builds, evaluated, positions: scope.positions, texts: diags.texts };
}

function textsOf(config: Hcl2Config): ReadonlyMap<string, string> {
  return new Map(config.files.map((f) => [f.file, f.text]));
}
