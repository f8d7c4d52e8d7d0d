// hcl's ext/typeexpr: the type constraint language of `variable { type = … }` and convert() (string, number, bool,
// any, list(T), set(T), map(T), object({name = T}), tuple([T, …]), and optional(T[, default]) object attributes),
// with typeexpr's "Invalid type specification" details.

import type { Expression } from '../ast.js';
import { EvalContext } from '../eval/context.js';
import { evaluateExpression } from '../eval/evaluate.js';
import type { HclValue } from '../eval/values.js';
import { ConversionError, convertValue } from './convert-value.js';
import type { HclType } from './hcl-type.js';
import { TypeSpecError } from './type-spec-error.js';

const NOT_A_TYPE =
  'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).';

/** What the caller accepts: convert() takes optional(T) without a default, variables take defaults too. */
export interface TypeExprOptions {
  readonly defaults: boolean;
}

/** typeexpr.TypeConstraint (TypeConstraintWithDefaults with `defaults`); throws a TypeSpecError. */
export function parseTypeConstraint(
  expr: Expression,
  options: TypeExprOptions = { defaults: true },
): HclType {
  if (expr.kind === 'Variable') return keywordType(expr.name, expr);
  if (expr.kind !== 'FunctionCall' || expr.name.length !== 1) throw new TypeSpecError(NOT_A_TYPE, expr);
  const name = expr.name[0] as string;
  if (name === 'bool' || name === 'string' || name === 'number')
    throw new TypeSpecError(`Primitive type keyword "${name}" does not expect arguments.`, expr);
  if (name === 'any')
    throw new TypeSpecError('Type constraint keyword "any" does not expect arguments.', expr);
  if (name === 'optional')
    throw new TypeSpecError(
      'Keyword "optional" is valid only as a modifier for object type attributes.',
      expr,
    );
  const [arg] = expr.args;
  if (expr.args.length !== 1 || arg === undefined) {
    if (['list', 'set', 'map', 'object', 'tuple'].includes(name)) return keywordType(name, expr);
    throw new TypeSpecError(`Keyword "${name}" is not a valid type constructor.`, expr);
  }
  switch (name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, elem: parseTypeConstraint(arg, options) };
    case 'object':
      return objectType(arg, options);
    case 'tuple':
      if (arg.kind !== 'Tuple')
        throw new TypeSpecError('Tuple type constructor requires a list of element types.', arg);
      return { kind: 'tuple', elems: arg.items.map((item) => parseTypeConstraint(item, options)) };
    default:
      throw new TypeSpecError(`Keyword "${name}" is not a valid type constructor.`, expr);
  }
}

/** A bare keyword: a primitive, `any`, or a constructor written without its argument. */
function keywordType(name: string, expr: Expression): HclType {
  if (name === 'string' || name === 'number' || name === 'bool' || name === 'any') return { kind: name };
  if (name === 'list' || name === 'set' || name === 'map')
    throw new TypeSpecError(
      `The ${name} type constructor requires one argument specifying the element type.`,
      expr,
    );
  if (name === 'object')
    throw new TypeSpecError(
      'The object type constructor requires one argument specifying the attribute types and values as a map.',
      expr,
    );
  if (name === 'tuple')
    throw new TypeSpecError(
      'The tuple type constructor requires one argument specifying the element types as a list.',
      expr,
    );
  throw new TypeSpecError(`The keyword "${name}" is not a valid type specification.`, expr);
}

function objectType(arg: Expression, options: TypeExprOptions): HclType {
  if (arg.kind !== 'Object')
    throw new TypeSpecError(
      'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.',
      arg,
    );
  const attrs = new Map<string, HclType>();
  const optional = new Map<string, HclValue | undefined>();
  for (const item of arg.items) {
    const key = item.key.bareword;
    if (key === undefined)
      throw new TypeSpecError('Object constructor map keys must be attribute names.', item.key);
    const call = item.value;
    if (call.kind !== 'FunctionCall' || call.name.join('::') !== 'optional') {
      attrs.set(key, parseTypeConstraint(call, options));
      continue;
    }
    const [typeArg, defaultArg] = call.args;
    if (typeArg === undefined)
      throw new TypeSpecError(
        'Optional attribute modifier requires the attribute type as its argument.',
        call,
      );
    if (call.args.length > (options.defaults ? 2 : 1))
      throw new TypeSpecError(
        options.defaults
          ? 'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.'
          : 'Optional attribute modifier expects only one argument: the attribute type.',
        call,
      );
    const type = parseTypeConstraint(typeArg, options);
    attrs.set(key, type);
    optional.set(key, defaultArg && optionalDefault(defaultArg, type));
  }
  return optional.size === 0 ? { kind: 'object', attrs } : { kind: 'object', attrs, optional };
}

/** optional()'s default: evaluated without variables or functions, and converted to the attribute's type. */
function optionalDefault(expr: Expression, type: HclType): HclValue {
  const value = evaluateExpression(expr, new EvalContext());
  try {
    return convertValue(value, type);
  } catch (error) {
    if (!(error instanceof ConversionError)) throw error;
    throw new TypeSpecError(
      `This default value is not compatible with the attribute's type constraint: ${error.message}.`,
      expr,
      'Invalid default value for optional attribute',
    );
  }
}
