// resolveBuilds: every selected builder of the template as a fully-defaulted typed build; all problems in one error.

import { resolveQemuConfig } from '../builders/qemu/config/resolve-qemu-config.js';
import { didYouMean } from '../core/suggest.js';
import { formatFixWarning } from '../fix/index.js';
import { BUILTIN_FUNCTIONS } from '../gotemplate/functions/builtin-functions.js';
import type { FunctionContext } from '../gotemplate/functions/function-table.js';
import { GoTemplateError } from '../gotemplate/template-errors.js';
import { validateGoTemplate } from '../gotemplate/validate.js';
import type { KeyPath } from '../json/json-value.js';
import { type BuildFilter, matchesAny, skipReason } from './build-filter.js';
import { checkMinVersion } from './load-template.js';
import type { LoadedTemplate } from './loaded-template.js';
import { ProblemCollector } from './problems.js';
import type { RawBuilder } from './raw-template.js';
import { renderTemplateString } from './render-string.js';
import type { PluginEnv } from './resolve-plugins.js';
import { resolvePostProcessor, resolveProvisioner } from './resolve-plugins.js';
import type { ResolvedBuild } from './resolved-build.js';

const BUILDERS = ['qemu'];

export interface ResolveBuildsOptions extends BuildFilter {
  /**
   * What to do with options, plugins and communicators Packer 1.6.6 accepts but Kiln cannot build yet
   * (winrm, floppy_files, a `chef-solo` provisioner, a `vagrant` post-processor, …): 'error' (default, for
   * build) or 'warn' (validate: the template is valid, Kiln just cannot build it yet).
   */
  readonly unsupported?: 'error' | 'warn';
}

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
    const env = pluginEnv(template, builder, problems);
    if (builder.type !== 'qemu') {
      problems.add(
        `${builder.path}.type`,
        `unknown builder type '${builder.type}'${didYouMean(builder.type, BUILDERS)}; Kiln implements only 'qemu' (leave this build out with -only or -except)`,
      );
      continue;
    }
    const config = resolveQemuConfig(builder.config, builder.name, builder.path, env);
    const provisioners = template.raw.provisioners.flatMap(
      (p) => resolveProvisioner(p, builder.name, env) ?? [],
    );
    const cleanup = template.raw.errorCleanupProvisioner;
    builds.push({
      name: builder.name,
      type: 'qemu',
      config,
      provisioners,
      errorCleanupProvisioner:
        cleanup === undefined ? undefined : resolveProvisioner(cleanup, builder.name, env),
      // Packer's -except also drops post-processors by name.
      postProcessors: template.raw.postProcessors.map((chain) =>
        chain
          .filter((pp) => !(pp.name !== '' && matchesAny(pp.name, except)))
          .flatMap((pp) => resolvePostProcessor(pp, builder.name, env) ?? []),
      ),
    });
  }
  for (const pattern of options.only ?? []) {
    if (pattern !== '' && !template.raw.builders.some((b) => matchesAny(b.name, [pattern])))
      problems.warn(undefined, `-only=${pattern} matches no build in this template`);
  }
  problems.settleUnsupported(options.unsupported ?? 'error');
  problems.throwIfAny();
  const skippedPaths = template.raw.builders
    .filter((b) => skipped.some((s) => s.name === b.name))
    .map((b) => b.path);
  const fixWarnings = (template.fixes ?? [])
    .filter(
      (c) =>
        c.deprecated && !skippedPaths.some((p) => c.from.startsWith(`${p}.`) || c.from.startsWith(`${p}[`)),
    )
    .map(formatFixWarning);
  return { builds, warnings: [...template.warnings, ...fixWarnings, ...problems.warnings], skipped };
}

function pluginEnv(
  template: LoadedTemplate,
  builder: RawBuilder,
  problems: ProblemCollector,
): PluginEnv & { cwd: string } {
  const warned = new Set<string>();
  const ctx: FunctionContext = {
    phase: 'config',
    // Packer 1.6.6 renders an undeclared variable as "": accept it, but say so once per name.
    onUndefinedVariable: (name, message) => {
      if (warned.has(name)) return;
      warned.add(name);
      problems.warn(undefined, `${message}; it renders as an empty string`);
    },
    templatePath: template.path,
    cwd: template.cwd,
    initTime: template.initTime,
    env: template.env,
    userVariables: template.variables,
    buildName: builder.name,
    buildType: builder.type,
    data: {},
  };
  const render = (text: string, path: KeyPath): string | undefined => {
    try {
      return renderTemplateString(text, ctx, { keepUnresolved: true });
    } catch (error) {
      if (!(error instanceof GoTemplateError)) throw error;
      problems.add(path, error.message);
      return undefined;
    }
  };
  const validate = (text: string, path: KeyPath): boolean => {
    try {
      validateGoTemplate(text, BUILTIN_FUNCTIONS);
      return true;
    } catch (error) {
      if (!(error instanceof GoTemplateError)) throw error;
      problems.add(path, error.message);
      return false;
    }
  };
  return { problems, render, validate, cwd: template.cwd, templatePath: template.path };
}
