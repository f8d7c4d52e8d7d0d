// A type expression that is not one: typeexpr's diagnostic summary and detail, at the part at fault.

import type { SourceRange } from '../source-range.js';

export class TypeSpecError extends Error {
  readonly range: SourceRange;

  constructor(
    readonly detail: string,
    subject: { readonly range: SourceRange },
    readonly summary = 'Invalid type specification',
  ) {
    super(detail);
    this.name = 'TypeSpecError';
    this.range = subject.range;
  }
}
