// An HCL2 configuration as Kiln's template model: each (build, source) pair becomes a builder named as Packer
// names the build, and the provisioners and post-processors that apply to it become entries `only` that build,
// so registry resolution, -only/-except, validate and the build runner work on it unchanged.

import { resolve } from 'node:path';
import { BUILD_DATA_KEYS } from '../gotemplate/functions/builtin-functions.js';
import { asString } from '../hcl/eval/index.js';
import type { JsonObject } from '../json/json-value.js';
import {
  type EvaluatedBuild,
  type EvaluatedProvisioner,
  evaluateHcl2Builds,
  type Hcl2Config,
} from './hcl2/index.js';
import type { LoadedTemplate } from './loaded-template.js';
import type { RawPostProcessor, RawProvisioner, RawTemplate } from './raw-types.js';

export interface Hcl2TemplateContext {
  readonly cwd: string;
  readonly initTime: Date;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function hcl2LoadedTemplate(
  config: Hcl2Config,
  context: Hcl2TemplateContext,
  options: { readonly allowNoBuild?: boolean } = {},
): LoadedTemplate {
  const { evaluated, positions, texts } = evaluateHcl2Builds(config, BUILD_DATA_KEYS, options);
  const only = (build: EvaluatedBuild) => ({ only: [build.name], except: [] });
  const raw: RawTemplate = {
    description: undefined,
    minPackerVersion: undefined,
    comments: {},
    variables: {},
    sensitiveVariables: [],
    builders: evaluated.map((b) => ({
      type: b.type,
      name: b.name,
      rawName: b.name,
      config: b.config,
      path: b.path,
    })),
    provisioners: evaluated.flatMap((b) => b.provisioners.map((p) => rawProvisioner(b, p))),
    errorCleanupProvisioner: undefined,
    perBuildComponents: true,
    errorCleanupProvisioners: evaluated.flatMap((b) =>
      b.errorCleanupProvisioner ? [rawProvisioner(b, b.errorCleanupProvisioner)] : [],
    ),
    postProcessors: evaluated.flatMap((b) =>
      b.postProcessors.map((chain) =>
        chain.map(
          (pp): RawPostProcessor => ({
            ...only(b),
            type: pp.block.type,
            // Packer's -except matches a post-processor's name, else its type.
            name: pp.block.name === '' ? pp.block.type : pp.block.name,
            keepInputArtifact: pp.block.keepInputArtifact,
            config: pp.config,
            path: pp.path,
          }),
        ),
      ),
    ),
  };
  const sensitive = [...config.variables.values()].filter((v) => v.sensitive).map((v) => v.name);
  return {
    path: resolve(config.path),
    cwd: context.cwd,
    document: { file: config.path, text: '', value: null, positions, sources: texts },
    raw,
    // What Kiln renders with user variables outside HCL (an http_directory's .hbs files) sees the input
    // variables that are strings, numbers or bools.
    variables: scalarVariables(config),
    keyVariables: scalarVariables(config),
    sensitiveVariables: sensitive,
    sensitiveValues: config.sensitiveValues,
    initTime: context.initTime,
    env: context.env,
    warnings: config.warnings,
  };
}

function rawProvisioner(build: EvaluatedBuild, p: EvaluatedProvisioner): RawProvisioner {
  const override: Record<string, JsonObject> = p.override ? { [build.name]: p.override } : {};
  return {
    only: [build.name],
    except: [],
    type: p.block.type,
    override,
    pauseBeforeMs: p.block.pauseBeforeMs,
    maxRetries: p.block.maxRetries,
    timeoutMs: p.block.timeoutMs,
    config: p.config,
    path: p.path,
  };
}

function scalarVariables(config: Hcl2Config): Map<string, string> {
  return new Map(
    [...config.variables.values()].flatMap((v) => {
      const value = v.values[v.values.length - 1]?.value;
      const text = value === undefined ? undefined : asString(value);
      return text === undefined ? [] : [[v.name, text] as const];
    }),
  );
}
