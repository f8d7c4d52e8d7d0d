// Evaluates one parsed pipeline against data and bound functions (Go text/template semantics).

import { closestMatch, didYouMean } from '../core/suggest.js';
import type { Command, Operand, Pipeline } from './ast.js';
import { DeferRender, TemplateFunctionError, templateError } from './template-errors.js';
import { type BoundFunction, checkParam, type TemplateRecord, type TemplateValue } from './values.js';

export interface EvalScope {
  readonly text: string;
  /** The action's source, for error messages. */
  readonly expression: string;
  readonly data: TemplateRecord;
  readonly functions: ReadonlyMap<string, BoundFunction>;
  /** Unknown `.Fields` throw DeferRender (kept for a later phase) instead of failing. */
  readonly keepUnresolved: boolean;
}

/** Like Go's parser, every function must exist even when an earlier value defers the action. */
export function assertFunctionsDefined(pipeline: Pipeline, scope: EvalScope): void {
  for (const command of pipeline.commands) {
    for (const operand of command.operands) {
      if (operand.kind === 'pipeline') assertFunctionsDefined(operand.pipeline, scope);
      if (operand.kind === 'identifier' && !scope.functions.has(operand.name)) {
        callFunction(operand.name, operand.start, [], scope);
      }
    }
  }
}

export function evaluatePipeline(pipeline: Pipeline, scope: EvalScope): TemplateValue {
  let piped: TemplateValue | undefined;
  for (const command of pipeline.commands) piped = evaluateCommand(command, piped, scope);
  return piped ?? null;
}

function evaluateCommand(
  command: Command,
  piped: TemplateValue | undefined,
  scope: EvalScope,
): TemplateValue {
  const [head, ...rest] = command.operands;
  if (head === undefined) throw fail(scope, command.start, 'missing value for command');
  if (head.kind === 'identifier') {
    const args = rest.map((operand) => evaluateArgument(operand, scope));
    if (piped !== undefined) args.push(piped);
    return callFunction(head.name, head.start, args, scope);
  }
  if (rest.length > 0 || piped !== undefined) {
    throw fail(scope, head.start, `can't give argument to non-function ${describeOperand(head)}`);
  }
  if (head.kind === 'nil') throw fail(scope, head.start, 'nil is not a command');
  return evaluateArgument(head, scope);
}

function evaluateArgument(operand: Operand, scope: EvalScope): TemplateValue {
  switch (operand.kind) {
    case 'identifier':
      return callFunction(operand.name, operand.start, [], scope);
    case 'field':
      return lookupField(operand.path, operand.start, scope);
    case 'dot':
      return scope.data;
    case 'pipeline':
      return evaluatePipeline(operand.pipeline, scope);
    case 'nil':
      return null;
    default:
      return operand.value;
  }
}

function lookupField(path: readonly string[], start: number, scope: EvalScope): TemplateValue {
  let current: TemplateValue | undefined = scope.data;
  for (const [i, name] of path.entries()) {
    const record: TemplateRecord | undefined =
      current !== null && typeof current === 'object' ? current : undefined;
    const value: TemplateValue | undefined = record?.[name];
    if (value === undefined) {
      if (scope.keepUnresolved) throw new DeferRender(`.${path.join('.')}`);
      const known = record ? Object.keys(record) : [];
      const available = known.length > 0 ? `; available here: ${known.map((k) => `.${k}`).join(', ')}` : '';
      const field = `.${path.slice(0, i + 1).join('.')}`;
      const close = closestMatch(name, known);
      const suggestion = close === undefined ? '' : ` (did you mean .${close}?)`;
      throw fail(scope, start, `unknown field ${field}${suggestion}${available}`);
    }
    current = value;
  }
  return current ?? null;
}

function callFunction(name: string, start: number, args: TemplateValue[], scope: EvalScope): TemplateValue {
  const fn = scope.functions.get(name);
  if (fn === undefined) {
    throw fail(
      scope,
      start,
      `function "${name}" not defined${didYouMean(name, scope.functions.keys(), '"')}`,
    );
  }
  const fixed = fn.params.length;
  const arityOk = fn.variadic === undefined ? args.length === fixed : args.length >= fixed;
  if (!arityOk) {
    const want = fn.variadic === undefined ? `${fixed}` : `at least ${fixed}`;
    throw fail(scope, start, `wrong number of args for ${name}: want ${want} got ${args.length}`);
  }
  for (const [i, arg] of args.entries()) {
    const problem = checkParam(arg, fn.params[i] ?? fn.variadic ?? 'any');
    if (problem) throw fail(scope, start, `wrong argument ${i + 1} for ${name}: ${problem}`);
  }
  try {
    return fn.call(args);
  } catch (error) {
    if (error instanceof DeferRender) {
      if (scope.keepUnresolved) throw error;
      throw fail(scope, start, `error calling ${name}: ${error.message} is not available here`);
    }
    if (error instanceof TemplateFunctionError)
      throw fail(scope, start, `error calling ${name}: ${error.message}`);
    throw error;
  }
}

function describeOperand(operand: Operand): string {
  if (operand.kind === 'field') return `.${operand.path.join('.')}`;
  if (operand.kind === 'string') return JSON.stringify(operand.value);
  if (operand.kind === 'number' || operand.kind === 'bool') return String(operand.value);
  return operand.kind === 'dot' ? '.' : operand.kind;
}

function fail(scope: EvalScope, offset: number, detail: string): Error {
  return templateError(scope.text, offset, scope.expression, detail);
}
