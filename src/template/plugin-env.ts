// What a plugin's `resolve` gets from the template layer: where problems go, how strings render at load
// time, and the paths that relative files resolve against.

import { BUILTIN_FUNCTIONS } from '../gotemplate/functions/builtin-functions.js';
import type { FunctionContext } from '../gotemplate/functions/function-table.js';
import { GoTemplateError } from '../gotemplate/template-errors.js';
import { validateGoTemplate } from '../gotemplate/validate.js';
import type { KeyPath } from '../json/json-value.js';
import type { ScriptCheckEnv } from './decode/check-scripts.js';
import type { DecodeEnv } from './decode/decode-config.js';
import type { LoadedTemplate } from './loaded-template.js';
import type { ProblemCollector } from './problems.js';
import type { RawBuilder } from './raw-template.js';
import { renderTemplateString } from './render-string.js';

export interface PluginEnv extends DecodeEnv, ScriptCheckEnv {
  /** The build being resolved: the builder's `name` (rendered), else its type. */
  readonly buildName: string;
  /** The name as written: what provisioner and post-processor only/except/override name (as in Packer). */
  readonly rawBuildName: string;
}

export function createPluginEnv(
  template: LoadedTemplate,
  builder: RawBuilder,
  problems: ProblemCollector,
): PluginEnv {
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
  return {
    problems,
    render,
    validate,
    cwd: template.cwd,
    templatePath: template.path,
    buildName: builder.name,
    rawBuildName: builder.rawName,
  };
}
