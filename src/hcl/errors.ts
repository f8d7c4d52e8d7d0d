// HCL syntax errors: hclsyntax's summary and detail, at file:line:col, with the offending line and a caret.

import { TemplateError } from '../core/errors.js';
import { codeFrame } from '../core/source-frame.js';
import type { SourceRange } from './source-range.js';

export class HclSyntaxError extends TemplateError {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly range: SourceRange,
    text: string,
  ) {
    super(
      { file: range.file, line: range.start.line, column: range.start.column },
      [`${summary}: ${detail}\n${codeFrame(text, range.start)}`],
      { code: 'hcl-syntax' },
    );
  }
}
