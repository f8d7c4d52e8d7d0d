// Public API of Kiln's template layer.

export { formatGoTime, RFC3339_LAYOUT } from '../core/go-time-format.js';
export { formatStrftime } from '../core/strftime.js';
export {
  BUILD_DATA_KEYS,
  BUILTIN_FUNCTIONS,
  PACKER_COMPAT_VERSION,
} from '../gotemplate/functions/builtin-functions.js';
export {
  defineFunctionTable,
  extendFunctionTable,
  type FunctionContext,
  type FunctionTable,
  type RenderPhase,
  type TemplateFunctionSpec,
} from '../gotemplate/functions/function-table.js';
export { type GoRenderOptions, renderGoTemplate } from '../gotemplate/render.js';
export { DeferRender, GoTemplateError, TemplateFunctionError } from '../gotemplate/template-errors.js';
export { validateGoTemplate } from '../gotemplate/validate.js';
export type { ParamType, TemplateRecord, TemplateValue } from '../gotemplate/values.js';
export type { JsonValue, KeyPath, SourcePosition } from '../json/json-value.js';
export { type ParsedDocument, parseTemplateText, readTemplateFile } from '../json/parse-template-file.js';
export { type BuildFilter, globToRegExp, matchesAny, skipReason } from './build-filter.js';
export { renderForCacheKey } from './cache-key-render.js';
export { checkEnvironmentVars, checkScriptsExist, type ScriptCheckEnv } from './decode/check-scripts.js';
export {
  type ConfigSchema,
  type DecodedValue,
  type DecodeEnv,
  decodeConfig,
  type FieldKind,
  type FieldSpec,
} from './decode/decode-config.js';
export { type FieldReader, readFields } from './decode/field-reader.js';
export {
  type BuildBlock,
  configEvalContext,
  decodeHcl2Builds,
  type Hcl2Config,
  printableValue,
  printBuilds,
  printVariables,
} from './hcl2/index.js';
export {
  type Hcl2LoadInputs,
  isHcl2TemplatePath,
  loadHcl2AsTemplate,
  loadHcl2Template,
} from './hcl2-template.js';
export { checkMinVersion, type LoadTemplateOptions, loadTemplate } from './load-template.js';
export type { LoadedTemplate } from './loaded-template.js';
export { createPluginEnv, type PluginEnv } from './plugin-env.js';
export { type LocatedProblem, ProblemCollector, TemplateValidationError } from './problems.js';
export type { RawBuilder, RawPostProcessor, RawProvisioner, RawTemplate } from './raw-template.js';
export { type RuntimeRenderScope, renderRuntime } from './render-runtime.js';
export { type RenderStringOptions, renderTemplateString } from './render-string.js';
