// Evaluation errors: hcl's diagnostic summary and detail, at the expression's file:line:col, with a source frame.

import { TemplateError } from '../../core/errors.js';
import { codeFrame } from '../../core/source-frame.js';
import type { SourceRange } from '../source-range.js';

export class HclEvalError extends TemplateError {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly range: SourceRange,
    text: string | undefined,
  ) {
    const frame = text === undefined ? '' : `\n${codeFrame(text, range.start)}`;
    super(
      { file: range.file, line: range.start.line, column: range.start.column },
      [`${summary}: ${detail}${frame}`],
      {
        code: 'hcl-eval',
      },
    );
  }
}
