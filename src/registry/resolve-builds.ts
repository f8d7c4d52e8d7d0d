// resolveBuilds: every selected builder of the template as a fully-defaulted typed build, its provisioners and
// post-processors resolved by their registered plugins; all problems in one error.
import { didYouMean } from '../core/suggest.js';
import { formatFixWarning } from '../fix/index.js';
import type { JsonObject, KeyPath } from '../json/json-value.js';
import { appliesToBuild } from '../plugins/resolved.js';
import {
  type BuildFilter,
  checkMinVersion,
  createPluginEnv,
  type LoadedTemplate,
  matchesAny,
  type PluginEnv,
  ProblemCollector,
  type RawPostProcessor,
  type RawProvisioner,
  skipReason,
} from '../template/index.js';
import { PACKER_POST_PROCESSORS, PACKER_PROVISIONERS } from './packer-plugins.js';
import {
  type AnyPostProcessor,
  type AnyProvisioner,
  BUILDERS,
  builderPlugin,
  isBuilderType,
  isPostProcessorType,
  isProvisionerType,
  POST_PROCESSORS,
  PROVISIONERS,
  postProcessorPlugin,
  provisionerPlugin,
  type ResolvedBuild,
} from './registry.js';

export type ResolveBuildsOptions = BuildFilter;

export interface SkippedBuild {
  readonly name: string;
  readonly type: string;
  readonly reason: string;
}

export interface ResolveBuildsResult {
  readonly builds: readonly ResolvedBuild[];
  readonly warnings: readonly string[];
  /** Builds left out by -only/-except, in template order. */
  readonly skipped: readonly SkippedBuild[];
}

export function resolveBuilds(template: LoadedTemplate, options: ResolveBuildsOptions = {}): ResolvedBuild[] {
  return [...resolveBuildsWithWarnings(template, options).builds];
}

/** Same as resolveBuilds, also returning warnings (deprecated keys, checksum 'none', …) and skipped builds. */
export function resolveBuildsWithWarnings(
  template: LoadedTemplate,
  options: ResolveBuildsOptions = {},
): ResolveBuildsResult {
  const problems = new ProblemCollector(template.document);
  checkMinVersion(template.raw.minPackerVersion, problems);
  const builds: ResolvedBuild[] = [];
  const skipped: SkippedBuild[] = [];
  const except = (options.except ?? []).filter((p) => p !== '');
  for (const builder of template.raw.builders) {
    const reason = skipReason(builder.name, options);
    if (reason !== undefined) {
      skipped.push({ name: builder.name, type: builder.type, reason });
      continue;
    }
    const env = createPluginEnv(template, builder, problems);
    if (!isBuilderType(builder.type)) {
      const known = BUILDERS.map((b) => b.type);
      problems.add(
        `${builder.path}.type`,
        `unknown builder type '${builder.type}'${didYouMean(builder.type, known)}; Kiln implements only ${quoteList(known)} (leave this build out with -only or -except)`,
      );
      continue;
    }
    const config = builderPlugin(builder.type).resolve(builder.config, builder.path, env);
    const own = <T extends RawProvisioner | RawPostProcessor>(list: readonly T[]): readonly T[] =>
      template.raw.perBuildComponents ? list.filter((c) => appliesToBuild(c, builder.rawName)) : list;
    const provisioners = own(template.raw.provisioners).flatMap((p) => resolveProvisioner(p, env) ?? []);
    const cleanup =
      template.raw.errorCleanupProvisioners?.find((p) => appliesToBuild(p, builder.rawName)) ??
      template.raw.errorCleanupProvisioner;
    builds.push({
      name: builder.name,
      type: builder.type,
      config,
      provisioners,
      errorCleanupProvisioner: cleanup === undefined ? undefined : resolveProvisioner(cleanup, env),
      // A chain left empty by -except is dropped, as Packer does.
      postProcessors: template.raw.postProcessors
        .map((chain) => untilExcepted(own(chain), except))
        .filter((chain) => chain.length > 0)
        .map((chain) => chain.flatMap((pp) => resolvePostProcessor(pp, env) ?? [])),
    });
  }
  checkFilterMatches(template, options, builds.length, problems);
  problems.throwIfAny();
  return {
    builds,
    warnings: [...template.warnings, ...fixWarnings(template, skipped), ...problems.warnings],
    skipped,
  };
}

/** Packer's -except also drops post-processors by name: the first one named ends its chain (Packer `break`s). */
function untilExcepted(chain: readonly RawPostProcessor[], except: readonly string[]): RawPostProcessor[] {
  const at = chain.findIndex((pp) => pp.name !== '' && matchesAny(pp.name, except));
  return at < 0 ? [...chain] : chain.slice(0, at);
}

/**
 * Packer 1.6.6 builds nothing and exits 0 when -only/-except name no build (a typo, or a `name` it had not
 * rendered); Kiln makes each of these an error, so a typo cannot pass for a successful build.
 */
function checkFilterMatches(
  template: LoadedTemplate,
  options: ResolveBuildsOptions,
  selected: number,
  problems: ProblemCollector,
): void {
  const names = template.raw.builders.map((b) => b.name);
  const ppNames = template.raw.postProcessors.flat().map((pp) => pp.name);
  const known = `builds in this template: ${quoteList(names)}`;
  for (const pattern of (options.only ?? []).filter((p) => p !== '')) {
    if (!names.some((name) => matchesAny(name, [pattern])))
      problems.add(undefined, `-only=${pattern} matches no build${didYouMean(pattern, names)}; ${known}`);
  }
  for (const pattern of (options.except ?? []).filter((p) => p !== '')) {
    if (![...names, ...ppNames].some((name) => matchesAny(name, [pattern])))
      problems.add(
        undefined,
        `-except=${pattern} matches no build or post-processor${didYouMean(pattern, names)}; ${known}`,
      );
  }
  if (selected === 0 && problems.count === 0 && names.length > 0)
    problems.add(undefined, `-only/-except leave no build to run; ${known}`);
}

/** One warning per deprecated key rewritten at load, except in builds left out by -only/-except. */
function fixWarnings(template: LoadedTemplate, skipped: readonly SkippedBuild[]): string[] {
  const skippedPaths = template.raw.builders
    .filter((b) => skipped.some((s) => s.name === b.name))
    .map((b) => b.path);
  return (template.fixes ?? [])
    .filter(
      (c) =>
        c.deprecated && !skippedPaths.some((p) => c.from.startsWith(`${p}.`) || c.from.startsWith(`${p}[`)),
    )
    .map(formatFixWarning);
}

function resolveProvisioner(raw: RawProvisioner, env: PluginEnv): AnyProvisioner | undefined {
  if (!isProvisionerType(raw.type)) {
    reportUnknownType('provisioner', raw.type, raw.path, PROVISIONERS, PACKER_PROVISIONERS, env);
    return undefined;
  }
  const config: JsonObject = { ...raw.config, ...(raw.override[env.rawBuildName] ?? {}) };
  const common = {
    only: raw.only,
    except: raw.except,
    applies: appliesToBuild(raw, env.rawBuildName),
    pauseBeforeMs: raw.pauseBeforeMs,
    maxRetries: raw.maxRetries,
    timeoutMs: raw.timeoutMs,
    path: raw.path,
  };
  const resolved = {
    ...common,
    type: raw.type,
    config: provisionerPlugin(raw.type).resolve(config, raw.path, env),
  };
  // The config was made by the plugin registered for raw.type: the pairing the union describes.
  return resolved as AnyProvisioner;
}

function resolvePostProcessor(raw: RawPostProcessor, env: PluginEnv): AnyPostProcessor | undefined {
  if (!isPostProcessorType(raw.type)) {
    reportUnknownType('post-processor', raw.type, raw.path, POST_PROCESSORS, PACKER_POST_PROCESSORS, env);
    return undefined;
  }
  const common = {
    name: raw.name,
    only: raw.only,
    except: raw.except,
    applies: appliesToBuild(raw, env.rawBuildName),
    keepInputArtifact: raw.keepInputArtifact,
    path: raw.path,
  };
  const resolved = {
    ...common,
    type: raw.type,
    config: postProcessorPlugin(raw.type).resolve(raw.config, raw.path, env),
  };
  // The config was made by the plugin registered for raw.type: the pairing the union describes.
  return resolved as AnyPostProcessor;
}

function reportUnknownType(
  kind: string,
  type: string,
  path: KeyPath,
  registered: readonly { type: string }[],
  packerTypes: readonly string[],
  env: PluginEnv,
): void {
  const known = registered.map((p) => p.type);
  if (packerTypes.includes(type)) {
    env.problems.unsupported(
      `${path}.type`,
      `${kind} type '${type}' is not implemented by Kiln yet; available: ${quoteList(known)}`,
    );
  } else {
    env.problems.add(
      `${path}.type`,
      `unknown ${kind} type '${type}'${didYouMean(type, known)}; available: ${quoteList(known)}`,
    );
  }
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}
