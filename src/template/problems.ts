// Collects every template problem with its file:line:col and key path, then throws them all at once.

import { TemplateError, type TemplateLocation } from '../core/errors.js';
import type { KeyPath, SourcePosition } from '../json/json-value.js';
import type { ParsedDocument } from '../json/parse-template-file.js';

export interface LocatedProblem {
  readonly location: TemplateLocation;
  readonly message: string;
}

/** A TemplateError carrying each problem with its own location. */
export class TemplateValidationError extends TemplateError {
  constructor(readonly issues: readonly LocatedProblem[]) {
    const single = issues.length === 1 ? issues[0] : undefined;
    const location = single ? single.location : { file: issues[0]?.location.file ?? '<template>' };
    super(location, single ? [single.message] : issues.map(formatProblem), { code: 'template-invalid' });
  }
}

export function formatProblem(problem: LocatedProblem): string {
  const { file, line, column, key } = problem.location;
  const where = [file, line, column].filter((part) => part !== undefined).join(':');
  return `${where}: ${key ? `${key}: ` : ''}${problem.message}`;
}

export class ProblemCollector {
  private readonly problems: LocatedProblem[] = [];
  private readonly warningList: string[] = [];
  private readonly unsupportedList: LocatedProblem[] = [];

  constructor(private readonly doc: Pick<ParsedDocument, 'file' | 'positions'>) {}

  /** Adds a problem located at `path` (or its closest ancestor that exists in the file). */
  add(path: KeyPath | undefined, message: string): void {
    this.problems.push({ location: this.locate(path), message });
  }

  /** Something Packer 1.6.6 accepts but Kiln cannot build yet: an error for build, a warning for validate. */
  unsupported(path: KeyPath | undefined, message: string): void {
    this.unsupportedList.push({ location: this.locate(path), message });
  }

  get unsupportedProblems(): readonly LocatedProblem[] {
    return this.unsupportedList;
  }

  /** Turns the unsupported list into errors (build) or warnings (validate). */
  settleUnsupported(mode: 'error' | 'warn'): void {
    for (const problem of this.unsupportedList.splice(0)) {
      if (mode === 'error') this.problems.push(problem);
      else {
        const key = problem.location.key;
        this.warningList.push(`${key ? `${key}: ` : ''}Kiln cannot build this yet: ${problem.message}`);
      }
    }
  }

  warn(path: KeyPath | undefined, message: string): void {
    this.warningList.push(path ? `${path}: ${message}` : message);
  }

  get count(): number {
    return this.problems.length;
  }

  get warnings(): readonly string[] {
    return this.warningList;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new TemplateValidationError([...this.problems]);
  }

  locate(path: KeyPath | undefined): TemplateLocation {
    const position = path === undefined ? undefined : this.findPosition(path);
    return {
      file: this.doc.file,
      ...(position ? { line: position.line, column: position.column } : {}),
      ...(path ? { key: path } : {}),
    };
  }

  private findPosition(path: KeyPath): SourcePosition | undefined {
    let current = path;
    while (current !== '') {
      const position = this.doc.positions.get(current);
      if (position) return position;
      current = parentPath(current);
    }
    return undefined;
  }
}

function parentPath(path: KeyPath): KeyPath {
  const match = /^(.*?)(?:\.[^.[\]]+|\[[^\]]*\])$/.exec(path);
  return match ? (match[1] ?? '') : '';
}
