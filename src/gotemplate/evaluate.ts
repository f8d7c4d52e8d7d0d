// Evaluates one parsed pipeline against dot, variables and bound functions (Go text/template semantics).

import { closestMatch, didYouMean } from '../core/suggest.js';
import type { Command, Operand, Pipeline, TemplateNode } from './ast.js';
import { DeferRender, TemplateFunctionError, templateError } from './template-errors.js';
import {
  type BoundFunction,
  checkParam,
  GoFloat,
  goTypeName,
  isRecord,
  isTrue,
  type TemplateRecord,
  type TemplateValue,
} from './values.js';
import type { TemplateVariables } from './variables.js';

export interface EvalScope {
  readonly text: string;
  /** The action's source, for error messages. */
  readonly expression: string;
  /**
   * The template's data (`$`): an unknown field of it is deferred or reported with what is available.
   * null: no data, every field has no value (Packer's console).
   */
  readonly data: TemplateRecord | null;
  /** `.` here: the data, or what with/range set it to. */
  readonly dot: TemplateValue;
  readonly variables: TemplateVariables;
  readonly functions: ReadonlyMap<string, BoundFunction>;
  /** Unknown `.Fields` throw DeferRender (kept for a later phase) instead of failing. */
  readonly keepUnresolved: boolean;
  /** The named templates (`{{define}}`, `{{block}}`) a `{{template}}` action can run. */
  readonly templates?: ReadonlyMap<string, readonly TemplateNode[]>;
  /** How many `{{template}}` calls deep this runs (bounded, so a recursive definition cannot exhaust the stack). */
  readonly depth?: number;
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

/** The pipeline's value; a `$x := …` / `$x = …` pipeline also declares or assigns it (range declares its own). */
export function evaluatePipeline(pipeline: Pipeline, scope: EvalScope, declare = true): TemplateValue {
  let piped: TemplateValue | undefined;
  for (const command of pipeline.commands) piped = evaluateCommand(command, piped, scope);
  const value = piped ?? null;
  const variables = pipeline.variables;
  if (declare && variables !== undefined) {
    for (const name of variables.names) {
      if (variables.assign) scope.variables.assign(name, value);
      else scope.variables.declare(name, value);
    }
  }
  return value;
}

function evaluateCommand(
  command: Command,
  piped: TemplateValue | undefined,
  scope: EvalScope,
): TemplateValue {
  const [head, ...rest] = command.operands;
  if (head === undefined) throw fail(scope, command.start, 'missing value for command');
  if (head.kind === 'identifier') {
    const arity = rest.length + (piped === undefined ? 0 : 1);
    if ((head.name === 'and' || head.name === 'or') && arity > 0)
      return shortCircuit(head.name, rest, piped, scope);
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

/**
 * Go's built-in `and`/`or` stop at the first argument that decides (Go 1.18+, which Debian's Packer 1.6.6 is
 * built with): `{{ or .A (index .B 9) }}` never evaluates the index when .A is true.
 */
function shortCircuit(
  name: 'and' | 'or',
  operands: readonly Operand[],
  piped: TemplateValue | undefined,
  scope: EvalScope,
): TemplateValue {
  let value: TemplateValue = null;
  for (const operand of operands) {
    value = evaluateArgument(operand, scope);
    if (isTrue(value) === (name === 'or')) return value;
  }
  return piped === undefined ? value : piped;
}

function evaluateArgument(operand: Operand, scope: EvalScope): TemplateValue {
  switch (operand.kind) {
    case 'identifier':
      return callFunction(operand.name, operand.start, [], scope);
    case 'field':
      return lookupField(scope.dot, operand.path, operand.start, scope);
    case 'variable': {
      const value = scope.variables.get(operand.name);
      return operand.path.length === 0 ? value : lookupField(value, operand.path, operand.start, scope);
    }
    case 'dot':
      return scope.dot;
    case 'pipeline':
      return evaluatePipeline(operand.pipeline, scope);
    case 'nil':
      return null;
    case 'number':
      // Go passes a literal written with a point or exponent as float64, even `1.0`.
      return operand.isFloat ? new GoFloat(operand.value) : operand.value;
    default:
      return operand.value;
  }
}

function lookupField(
  from: TemplateValue,
  path: readonly string[],
  start: number,
  scope: EvalScope,
): TemplateValue {
  // The data stands for Packer's Go structs: an unknown field is an error (or deferred). Other maps (and nil
  // data, as in Packer's console) give no value, as Go's map lookups do.
  const strict = from !== null && from === scope.data;
  let current: TemplateValue = from;
  for (const [i, name] of path.entries()) {
    if (current === null) return null;
    if (!isRecord(current))
      throw fail(scope, start, `can't evaluate field ${name} in type ${goTypeName(current)}`);
    const value: TemplateValue | undefined = current[name];
    if (value === undefined) {
      if (!strict) return null;
      if (scope.keepUnresolved) throw new DeferRender(`.${path.join('.')}`);
      const known = Object.keys(current);
      const available = known.length > 0 ? `; available here: ${known.map((k) => `.${k}`).join(', ')}` : '';
      const field = `.${path.slice(0, i + 1).join('.')}`;
      const close = closestMatch(name, known);
      const suggestion = close === undefined ? '' : ` (did you mean .${close}?)`;
      throw fail(scope, start, `unknown field ${field}${suggestion}${available}`);
    }
    current = value;
  }
  return current;
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
  if (operand.kind === 'variable') return [operand.name, ...operand.path].join('.');
  if (operand.kind === 'string') return JSON.stringify(operand.value);
  if (operand.kind === 'number' || operand.kind === 'bool') return String(operand.value);
  return operand.kind === 'dot' ? '.' : operand.kind;
}

function fail(scope: EvalScope, offset: number, detail: string): Error {
  return templateError(scope.text, offset, scope.expression, detail);
}
