// resolveBuilds: every builder of the template as a fully-defaulted typed build; all problems in one error.

import { resolveQemuConfig } from './builders/resolve-qemu-config.js';
import { BUILTIN_FUNCTIONS } from './functions/builtin-functions.js';
import type { FunctionContext } from './functions/function-table.js';
import { GoTemplateError } from './gotemplate/template-errors.js';
import { validateGoTemplate } from './gotemplate/validate.js';
import type { KeyPath } from './json/json-value.js';
import type { LoadedTemplate } from './loaded-template.js';
import { ProblemCollector } from './problems.js';
import type { RawBuilder } from './raw-template.js';
import { renderTemplateString } from './render-string.js';
import type { PluginEnv } from './resolve-plugins.js';
import { resolvePostProcessor, resolveProvisioner } from './resolve-plugins.js';
import type { ResolvedBuild } from './resolved-build.js';
import { didYouMean } from './suggest.js';

const BUILDERS = ['qemu'];

export interface ResolveBuildsResult {
  readonly builds: readonly ResolvedBuild[];
  readonly warnings: readonly string[];
}

export function resolveBuilds(template: LoadedTemplate): ResolvedBuild[] {
  return [...resolveBuildsWithWarnings(template).builds];
}

/** Same as resolveBuilds, also returning warnings (deprecated keys, checksum 'none', …). */
export function resolveBuildsWithWarnings(template: LoadedTemplate): ResolveBuildsResult {
  const problems = new ProblemCollector(template.document);
  const builds: ResolvedBuild[] = [];
  for (const builder of template.raw.builders) {
    const env = pluginEnv(template, builder, problems);
    if (builder.type !== 'qemu') {
      problems.add(
        `${builder.path}.type`,
        `unknown builder type '${builder.type}'${didYouMean(builder.type, BUILDERS)}; Kiln implements only 'qemu'`,
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
      postProcessors: template.raw.postProcessors.map((chain) =>
        chain.flatMap((pp) => resolvePostProcessor(pp, builder.name, env) ?? []),
      ),
    });
  }
  problems.throwIfAny();
  return { builds, warnings: [...template.warnings, ...problems.warnings] };
}

function pluginEnv(
  template: LoadedTemplate,
  builder: RawBuilder,
  problems: ProblemCollector,
): PluginEnv & { cwd: string } {
  const ctx: FunctionContext = {
    phase: 'config',
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
