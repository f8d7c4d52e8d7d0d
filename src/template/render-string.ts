// Renders one template string in a phase: binds the function table to the context and runs the Go template.

import { BUILTIN_FUNCTIONS } from '../gotemplate/functions/builtin-functions.js';
import {
  bindFunctions,
  type FunctionContext,
  type FunctionTable,
} from '../gotemplate/functions/function-table.js';
import { renderGoTemplate } from '../gotemplate/render.js';

export interface RenderStringOptions {
  /** Leave actions whose values are not known yet (build-time `.Fields`, `build` keys) verbatim. */
  readonly keepUnresolved: boolean;
  /** Defaults to Packer's built-in functions. */
  readonly functions?: FunctionTable;
  /** No template data at all: every `.Field` renders `<no value>`, as in Packer's console. */
  readonly noData?: boolean;
}

export function renderTemplateString(
  text: string,
  ctx: FunctionContext,
  options: RenderStringOptions,
): string {
  if (!text.includes('{{')) return text;
  return renderGoTemplate(text, {
    data: options.noData ? null : ctx.data,
    functions: bindFunctions(options.functions ?? BUILTIN_FUNCTIONS, ctx),
    keepUnresolved: options.keepUnresolved,
  });
}
