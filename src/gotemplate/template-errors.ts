// Errors raised while parsing or evaluating a Go template expression; they name the expression and position.

import { abbreviate } from '../core/abbreviate.js';
import { KilnError } from '../core/errors.js';
import { positionAt } from '../core/source-frame.js';

export class GoTemplateError extends KilnError {
  constructor(
    readonly detail: string,
    readonly expression: string,
    /** 1-based line/column inside the template string. */
    readonly line: number,
    readonly column: number,
    code = 'template-expression',
  ) {
    const where = line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
    super(`${detail} in ${abbreviate(expression, 200)} (${where})`, { code });
  }
}

export function templateError(
  text: string,
  offset: number,
  expression: string,
  detail: string,
): GoTemplateError {
  const { line, column } = positionAt(text, offset);
  return new GoTemplateError(detail, expression, line, column);
}

/** Thrown by functions to report a failure; the evaluator adds expression and position. */
export class TemplateFunctionError extends Error {}

/**
 * Thrown when a value is not available yet (a build-time `.Field` or `build` key during load):
 * the renderer keeps the whole action verbatim for a later phase, or reports it when keeping is off.
 */
export class DeferRender extends Error {}
