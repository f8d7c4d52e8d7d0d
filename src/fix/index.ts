// Public API of Kiln's template fixer (Packer 1.6.6 `packer fix`).

export type { FixChange, Fixer } from './fix-context.js';
export { type FixTextResult, fixTemplateText } from './fix-text.js';
export { FIXERS, FixError, type FixResult, fixTemplate, formatFixWarning } from './fixers.js';
export { detectLayout, formatJson, type JsonLayout } from './format-json.js';
