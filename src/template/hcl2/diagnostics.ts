// HCL diagnostics as Packer collects them: every problem of a load (summary, detail, where), reported together
// at the end so a sensitive value can be redacted from all of them once every value is known.

import { TemplateError } from '../../core/errors.js';
import type { Redactor } from '../../core/redact.js';
import { codeFrame } from '../../core/source-frame.js';
import type { Block, SourceRange } from '../../hcl/index.js';

export interface Hcl2Diagnostic {
  readonly summary: string;
  readonly detail: string;
  /** undefined: the problem has no place in a file (a `-var` naming no variable). */
  readonly range: SourceRange | undefined;
}

export class Diagnostics {
  readonly errors: Hcl2Diagnostic[] = [];
  readonly warnings: Hcl2Diagnostic[] = [];

  /** `texts`: file name → source, for source frames. */
  constructor(readonly texts: ReadonlyMap<string, string>) {}

  error(summary: string, detail: string, range?: SourceRange): void {
    this.errors.push({ summary, detail, range });
  }

  warn(summary: string, detail: string, range?: SourceRange): void {
    this.warnings.push({ summary, detail, range });
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** `file:line:col: Summary: detail` and the source frame. */
  format(diagnostic: Hcl2Diagnostic): string {
    const { summary, detail, range } = diagnostic;
    const text = `${summary}${detail === '' ? '' : `: ${detail}`}`;
    if (range === undefined) return text;
    const source = this.texts.get(range.file);
    const frame = source === undefined ? '' : `\n${codeFrame(source, range.start)}`;
    return `${range.file}:${range.start.line}:${range.start.column}: ${text}${frame}`;
  }

  /** Throws the errors (redacted) as one TemplateError located at the first that has a place. */
  throwIfErrors(templatePath: string, redact: Redactor): void {
    if (!this.hasErrors) return;
    const problems = this.errors.map((d) => redact(this.format(d)));
    const first = this.errors[0] as Hcl2Diagnostic;
    if (this.errors.length === 1 && first.range !== undefined) {
      const { range } = first;
      const prefix = `${range.file}:${range.start.line}:${range.start.column}: `;
      throw new TemplateError(
        { file: range.file, line: range.start.line, column: range.start.column },
        [(problems[0] as string).slice(prefix.length)],
        { code: 'hcl2-config' },
      );
    }
    throw new TemplateError({ file: templatePath }, problems, { code: 'hcl2-config' });
  }
}

/** hcl's Block.DefRange: the block's type and labels, as Packer's messages cite a block. */
export function defRange(block: Block): SourceRange {
  const last = block.labels[block.labels.length - 1]?.range ?? block.typeRange;
  return { file: block.typeRange.file, start: block.typeRange.start, end: last.end };
}

/** hcl.Range's String(): `file:line,col-col` (or `-line,col` across lines), as Packer's messages cite places. */
export function rangeText(range: SourceRange): string {
  const { file, start, end } = range;
  if (start.line === end.line) return `${file}:${start.line},${start.column}-${end.column}`;
  return `${file}:${start.line},${start.column}-${end.line},${end.column}`;
}
