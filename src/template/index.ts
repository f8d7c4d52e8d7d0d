// Public API of Kiln's template layer.

export { type DiskSize, parseDiskSize } from '../builders/qemu/config/disk-size.js';
export type {
  QemuAccelerator,
  QemuConfig,
  QemuDiskCache,
  QemuDiskInterface,
  QemuImgArgs,
} from '../builders/qemu/config/qemu-config.js';
export type { SshConfig } from '../communicators/ssh-config.js';
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
export { formatGoTime, RFC3339_LAYOUT } from '../gotemplate/functions/go-time-format.js';
export { formatStrftime } from '../gotemplate/functions/strftime.js';
export { type GoRenderOptions, renderGoTemplate } from '../gotemplate/render.js';
export { DeferRender, GoTemplateError, TemplateFunctionError } from '../gotemplate/template-errors.js';
export { validateGoTemplate } from '../gotemplate/validate.js';
export type { ParamType, TemplateRecord, TemplateValue } from '../gotemplate/values.js';
export type { JsonValue, KeyPath, SourcePosition } from '../json/json-value.js';
export { type ParsedDocument, parseTemplateText, readTemplateFile } from '../json/parse-template-file.js';
export type { ConvertConfig, ConvertFormat } from '../post-processors/convert/config.js';
export type { ShellProvisionerConfig } from '../provisioners/shell/config.js';
export type { ShellLocalConfig } from '../provisioners/shell-local/config.js';
export { type BuildFilter, globToRegExp, matchesAny, skipReason } from './build-filter.js';
export { type ChecksumFileProblem, checkChecksumFiles } from './check-checksum-files.js';
export { parseGoDuration } from './decode/go-duration.js';
export { type LoadTemplateOptions, loadTemplate } from './load-template.js';
export type { LoadedTemplate } from './loaded-template.js';
export { type LocatedProblem, TemplateValidationError } from './problems.js';
export type { RawTemplate } from './raw-template.js';
export { type RuntimeRenderScope, renderRuntime } from './render-runtime.js';
export { type RenderStringOptions, renderTemplateString } from './render-string.js';
export {
  type ResolveBuildsOptions,
  type ResolveBuildsResult,
  resolveBuilds,
  resolveBuildsWithWarnings,
  type SkippedBuild,
} from './resolve-builds.js';
export {
  appliesToBuild,
  type ResolvedBuild,
  type ResolvedPostProcessor,
  type ResolvedProvisioner,
} from './resolved-build.js';
