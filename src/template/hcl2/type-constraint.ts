// A variable's `type`: typeexpr's type constraint language (string, number, bool, any, list(T), set(T), map(T),
// object({name = T}), tuple([T, …])), and the type a value has when a variable takes its type from `default`.

import { type HclValue, isSequence } from '../../hcl/eval/index.js';
import type { Expression } from '../../hcl/index.js';

export type HclType =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: HclType }
  | { readonly kind: 'object'; readonly attrs: ReadonlyMap<string, HclType> }
  | { readonly kind: 'tuple'; readonly items: readonly HclType[] };

export const ANY: HclType = { kind: 'any' };

export class TypeSpecError extends Error {
  constructor(
    readonly detail: string,
    readonly expr: Expression,
  ) {
    super(detail);
  }
}

const NOT_A_TYPE =
  'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).';

/** typeexpr.TypeConstraint: throws a TypeSpecError ("Invalid type specification") on what is not a type. */
export function parseTypeConstraint(expr: Expression): HclType {
  if (expr.kind === 'Variable') {
    if (expr.name === 'string' || expr.name === 'number' || expr.name === 'bool' || expr.name === 'any')
      return { kind: expr.name };
    if (expr.name === 'list' || expr.name === 'set' || expr.name === 'map' || expr.name === 'tuple')
      throw new TypeSpecError(
        `The ${expr.name} type constructor requires one argument specifying the element type${expr.name === 'tuple' ? 's as a list' : ''}.`,
        expr,
      );
    if (expr.name === 'object')
      throw new TypeSpecError(
        'The object type constructor requires one argument specifying the attribute types as a map.',
        expr,
      );
    throw new TypeSpecError(`The keyword "${expr.name}" is not a valid type specification.`, expr);
  }
  if (expr.kind !== 'FunctionCall' || expr.name.length !== 1) throw new TypeSpecError(NOT_A_TYPE, expr);
  const name = expr.name[0] as string;
  const [arg] = expr.args;
  if (expr.args.length !== 1 || arg === undefined)
    throw new TypeSpecError(`The ${name} type constructor requires one argument.`, expr);
  switch (name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, element: parseTypeConstraint(arg) };
    case 'object': {
      if (arg.kind !== 'Object')
        throw new TypeSpecError(
          'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.',
          arg,
        );
      const attrs = new Map<string, HclType>();
      for (const item of arg.items) {
        const key = item.key.bareword ?? literalKey(item.key.expr);
        if (key === undefined)
          throw new TypeSpecError('Object constructor map keys must be attribute names.', item.key.expr);
        attrs.set(key, parseTypeConstraint(item.value));
      }
      return { kind: 'object', attrs };
    }
    case 'tuple':
      if (arg.kind !== 'Tuple')
        throw new TypeSpecError('Tuple type constructor requires a list of element types.', arg);
      return { kind: 'tuple', items: arg.items.map(parseTypeConstraint) };
    default:
      throw new TypeSpecError(`Keyword "${name}" is not a valid type constructor.`, expr);
  }
}

function literalKey(expr: Expression): string | undefined {
  if (expr.kind !== 'Template') return undefined;
  const [only] = expr.parts;
  return expr.parts.length === 1 && only?.kind === 'Literal' ? only.value : undefined;
}

/** The type of a value, for a variable whose type comes from its default (cty's Value.Type()). */
export function typeOfValue(value: HclValue): HclType {
  switch (value.type) {
    case 'string':
    case 'number':
    case 'bool':
      return { kind: value.type };
    case 'null':
      return ANY;
    case 'tuple':
      return { kind: 'tuple', items: value.items.map(typeOfValue) };
    case 'list':
      return { kind: 'list', element: value.items[0] ? typeOfValue(value.items[0]) : ANY };
    case 'object':
      return { kind: 'object', attrs: new Map([...value.attrs].map(([k, v]) => [k, typeOfValue(v)])) };
    case 'map': {
      const first = [...value.attrs.values()][0];
      return { kind: 'map', element: first ? typeOfValue(first) : ANY };
    }
  }
}

/** Empty objects and tuples say nothing about the values a variable will take: Packer keeps such types dynamic. */
export function isEmptyStructure(value: HclValue): boolean {
  return (
    (value.type === 'object' && value.attrs.size === 0) ||
    (isSequence(value) && value.type === 'tuple' && value.items.length === 0)
  );
}

/** cty's FriendlyName: "list of string", "map of number", "object", "tuple", "dynamic". */
export function friendlyTypeName(type: HclType): string {
  switch (type.kind) {
    case 'any':
      return 'dynamic';
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind} of ${friendlyTypeName(type.element)}`;
    default:
      return type.kind;
  }
}

/** A `-var`/env value for these types is the literal text; for the others it is parsed as an expression. */
export function takesLiteralText(type: HclType | undefined): boolean {
  return type === undefined || type.kind === 'string' || type.kind === 'number' || type.kind === 'any';
}
