// Runs one `{{ }}` pipeline with an hcl2_upgrade function map, as Go's text/template executes it: arguments
// are type-checked against the function's parameters, a piped value is the last argument.

import type { Command, Operand, Pipeline } from '../gotemplate/ast.js';
import type { ArgValue, FunctionMap, ParamKind } from './template-functions.js';

/** Go's execution error: the text hcl2_upgrade puts in its "could not parse template" comment. */
export class TemplateExecutionError extends Error {}

export function executePipeline(pipeline: Pipeline, funcs: FunctionMap, text: string): ArgValue {
  let piped: ArgValue | undefined;
  for (const command of pipeline.commands) piped = executeCommand(command, funcs, text, piped);
  return piped ?? '';
}

function executeCommand(command: Command, funcs: FunctionMap, text: string, piped?: ArgValue): ArgValue {
  const [first, ...rest] = command.operands;
  if (first === undefined) return '';
  if (first.kind === 'identifier') return call(first.name, first.start, rest, funcs, text, piped);
  if (rest.length > 0 || piped !== undefined)
    throw failure(
      text,
      first.start,
      describe(first),
      `can't give argument to non-function ${describe(first)}`,
    );
  if (first.kind === 'string' || first.kind === 'number') return first.value;
  if (first.kind === 'pipeline') return executePipeline(first.pipeline, funcs, text);
  throw failure(text, first.start, describe(first), 'nil data; no value to print');
}

function call(
  name: string,
  start: number,
  operands: readonly Operand[],
  funcs: FunctionMap,
  text: string,
  piped: ArgValue | undefined,
): ArgValue {
  const fail = (message: string) => failure(text, start, name, message);
  const fn = funcs.get(name);
  if (fn === undefined) throw fail(`function "${name}" is not one Packer's hcl2_upgrade runs`);
  const given = operands.length + (piped === undefined ? 0 : 1);
  if (fn.variadic !== true && given !== fn.params.length)
    throw fail(`wrong number of args for ${name}: want ${fn.params.length} got ${given}`);
  const kindAt = (i: number): ParamKind => (fn.variadic ? 'string' : (fn.params[i] ?? 'string'));
  const args = operands.map((operand, i) => argument(operand, kindAt(i), funcs, text, fail));
  if (piped !== undefined) args.push(checked(piped, kindAt(args.length), fail));
  return fn.call(args);
}

function argument(
  operand: Operand,
  kind: ParamKind,
  funcs: FunctionMap,
  text: string,
  fail: (message: string) => Error,
): ArgValue {
  if (operand.kind === 'string') {
    if (kind === 'string') return operand.value;
    throw fail(`expected integer; found ${describe(operand)}`);
  }
  if (operand.kind === 'number') {
    if (kind === 'int' && !operand.isFloat) return operand.value;
    throw fail(`expected ${kind === 'int' ? 'integer' : 'string'}; found ${describe(operand)}`);
  }
  if (operand.kind === 'identifier')
    return checked(call(operand.name, operand.start, [], funcs, text, undefined), kind, fail);
  if (operand.kind === 'pipeline') return checked(executePipeline(operand.pipeline, funcs, text), kind, fail);
  throw fail(`invalid value; expected ${kind}`);
}

function checked(value: ArgValue, kind: ParamKind, fail: (message: string) => Error): ArgValue {
  const got = typeof value === 'number' ? 'int' : 'string';
  if (got === kind) return value;
  throw fail(`wrong type for value; expected ${kind}; got ${got}`);
}

function describe(operand: Operand): string {
  switch (operand.kind) {
    case 'string':
      return `\`${operand.value}\``;
    case 'number':
    case 'bool':
      return String(operand.value);
    case 'identifier':
      return operand.name;
    case 'field':
      return `.${operand.path.join('.')}`;
    case 'variable':
      return [operand.name, ...operand.path].join('.');
    default:
      return operand.kind;
  }
}

function failure(text: string, offset: number, at: string, message: string): TemplateExecutionError {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(0, offset).split('\n').length;
  return new TemplateExecutionError(
    `template: hcl2_upgrade:${line}:${offset - lineStart}: executing "hcl2_upgrade" at <${at}>: ${message}`,
  );
}
