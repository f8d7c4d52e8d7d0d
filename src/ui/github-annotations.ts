// In GitHub Actions, errors are also printed as workflow commands (`::error file=…,line=…::…`) so they show
// on the run's summary and beside the template line that caused them.
import { isAbsolute, relative } from 'node:path';
import { KilnError, TemplateError, type TemplateLocation } from '../core/errors.js';
import { createRedactor } from '../core/redact.js';
import { TemplateValidationError } from '../template/index.js';

export interface AnnotationContext {
  /** The build the error belongs to; none for errors before any build starts. */
  build?: string;
  /** Values to redact, as in the console output. */
  sensitive?: readonly string[];
}

export type ErrorAnnotator = (error: unknown, context?: AnnotationContext) => void;

/** The annotator for this environment: undefined outside GitHub Actions. */
export function githubAnnotator(
  out: NodeJS.WritableStream,
  env: NodeJS.ProcessEnv,
): ErrorAnnotator | undefined {
  if (env.GITHUB_ACTIONS !== 'true') return undefined;
  return (error, context = {}) => {
    for (const line of githubAnnotations(error, context, env.GITHUB_WORKSPACE)) out.write(`${line}\n`);
  };
}

export function githubAnnotations(error: unknown, context: AnnotationContext, workspace?: string): string[] {
  const redact = createRedactor(context.sensitive ?? []);
  const title = context.build ? `Build '${context.build}' errored` : 'Kiln';
  if (error instanceof TemplateValidationError)
    return error.issues.map((issue) => templateCommand(issue.location, [issue.message], redact, workspace));
  if (error instanceof TemplateError)
    return [templateCommand(error.location, error.problems, redact, workspace)];
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof KilnError && error.hint ? `\nhint: ${error.hint}` : '';
  const step = error instanceof KilnError && error.step ? `[${error.step}] ` : '';
  return [command({}, title, redact(`${step}${message}${hint}`))];
}

function templateCommand(
  location: TemplateLocation,
  problems: readonly string[],
  redact: (text: string) => string,
  workspace: string | undefined,
): string {
  const key = location.key ? `${location.key}: ` : '';
  const where = { ...location, file: path(location.file, workspace) };
  return command(where, 'Template error', redact(`${key}${problems.join('\n')}`));
}

interface Where {
  file?: string;
  line?: number;
  column?: number;
}

function command(where: Where, title: string, message: string): string {
  const properties = [
    where.file === undefined ? undefined : `file=${escapeProperty(where.file)}`,
    where.line === undefined ? undefined : `line=${where.line}`,
    where.column === undefined ? undefined : `col=${where.column}`,
    `title=${escapeProperty(title)}`,
  ].filter((p) => p !== undefined);
  return `::error ${properties.join(',')}::${escapeData(message)}`;
}

/** GitHub resolves `file` against the checkout: an absolute path inside it is made relative. */
function path(file: string, workspace: string | undefined): string {
  if (!workspace || !isAbsolute(file)) return file;
  const inside = relative(workspace, file);
  return inside.startsWith('..') ? file : inside;
}

// The escaping GitHub's toolkit (@actions/core) applies to workflow commands.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
