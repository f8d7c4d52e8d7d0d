// Collects every template problem with its file:line:col and key path, then throws them all at once.

import { abbreviate } from '../core/abbreviate.js';
import { TemplateError, type TemplateLocation } from '../core/errors.js';
import type { Redactor } from '../core/redact.js';
import { codeFrame } from '../core/source-frame.js';
import type { KeyPath, SourcePosition } from '../json/json-value.js';
import type { ParsedDocument } from '../json/parse-template-file.js';

export interface LocatedProblem {
  readonly location: TemplateLocation;
  readonly message: string;
  /** Packer accepts this (a plugin or option Kiln has not built): an error all the same, counted apart. */
  readonly notImplemented?: boolean;
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
  return `${where}: ${key ? `${abbreviate(key, 200)}: ` : ''}${problem.message}`;
}

export class ProblemCollector {
  private readonly problems: LocatedProblem[] = [];
  private readonly warningList: string[] = [];

  constructor(private readonly doc: Pick<ParsedDocument, 'file' | 'positions' | 'sources'>) {}

  /** Adds a problem located at `path` (or its closest ancestor that exists in the file). */
  add(path: KeyPath | undefined, message: string): void {
    const location = this.locate(path);
    this.problems.push({ location, message: this.withFrame(location, message) });
  }

  /** Something Packer accepts but Kiln does not implement: an error for build and validate alike. */
  unsupported(path: KeyPath | undefined, message: string): void {
    const location = this.locate(path);
    this.problems.push({ location, message: this.withFrame(location, message), notImplemented: true });
  }

  warn(path: KeyPath | undefined, message: string): void {
    this.warningList.push(path ? `${path}: ${message}` : message);
  }

  get count(): number {
    return this.problems.length;
  }

  get list(): readonly LocatedProblem[] {
    return this.problems;
  }

  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** `redact` hides sensitive values in the messages (loadTemplate knows them before anyone prints the error). */
  throwIfAny(redact: Redactor = (text) => text): void {
    if (this.problems.length === 0) return;
    throw new TemplateValidationError(this.problems.map((p) => ({ ...p, message: redact(p.message) })));
  }

  locate(path: KeyPath | undefined): TemplateLocation {
    const position = path === undefined ? undefined : this.findPosition(path);
    return {
      file: position?.file ?? this.doc.file,
      ...(position ? { line: position.line, column: position.column } : {}),
      ...(path ? { key: path } : {}),
    };
  }

  /** HCL2 documents carry their files' texts: the problem's line with a caret under it, as hcl prints it. */
  private withFrame(location: TemplateLocation, message: string): string {
    const text = this.doc.sources?.get(location.file);
    if (text === undefined || location.line === undefined || location.column === undefined) return message;
    return `${message}\n${codeFrame(text, { line: location.line, column: location.column })}`;
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
