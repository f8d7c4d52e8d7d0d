// vault(path, key) and consul_key(key) (Packer's hcl2template/function/vault.go, Consul.go), and the AWS Secrets
// Manager functions, refused. Reading a store is asynchronous and HCL functions are not: the loader reads every
// call with literal arguments first (findSecretLookups), and the functions answer from those values.

import type { Body } from '../ast.js';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, str } from '../eval/values.js';
import type { JsonBody } from '../json/json-ast.js';
import { forEachBodyExpression, literalText } from '../walk-expressions.js';
import { toStr } from './convert.js';
import { define, type FunctionTable, text } from './spec.js';

export type SecretLookup =
  | { readonly kind: 'vault'; readonly path: string; readonly key: string }
  | { readonly kind: 'consul'; readonly key: string };

/** Values read before evaluation, by secretLookupKey(); an Error is what the call reports. */
export type SecretValues = ReadonlyMap<string, string | Error>;

export function secretLookupKey(lookup: SecretLookup): string {
  return lookup.kind === 'vault' ? `vault\0${lookup.path}\0${lookup.key}` : `consul\0${lookup.key}`;
}

/** Every vault() and consul_key() call whose arguments are literal strings, in these bodies. */
export function findSecretLookups(bodies: Iterable<Body | JsonBody>): SecretLookup[] {
  const found: SecretLookup[] = [];
  for (const body of bodies)
    forEachBodyExpression(body, (expr) => {
      if (expr.kind !== 'FunctionCall' || expr.name.length !== 1 || expr.expandFinal) return;
      const args = expr.args.map(literalText);
      if (args.some((a) => a === undefined)) return;
      const [first, second] = args as string[];
      if (expr.name[0] === 'vault' && args.length === 2)
        found.push({ kind: 'vault', path: first as string, key: second as string });
      if (expr.name[0] === 'consul_key' && args.length === 1)
        found.push({ kind: 'consul', key: first as string });
    });
  return found;
}

function answer(values: SecretValues, lookup: SecretLookup, name: string): HclValue {
  const value = values.get(secretLookupKey(lookup));
  if (value === undefined)
    throw new HclFunctionError(
      `${name} needs literal string arguments in Kiln (its values are read before the configuration is evaluated)`,
    );
  if (value instanceof Error) throw new HclFunctionError(value.message);
  return str(value);
}

const s = (name: string, allowNull = false) => ({ name, type: toStr, allowNull });
const NO_AWS =
  'is not supported by Kiln: Kiln reads AWS Secrets Manager only once it has an AWS builder; pass the value with -var or an env default';

export function secretFunctions(values: SecretValues): FunctionTable {
  return new Map([
    [
      'vault',
      define([s('path'), s('key')], ([p, k]) =>
        answer(values, { kind: 'vault', path: text(p), key: text(k) }, 'vault'),
      ),
    ],
    [
      'consul_key',
      define([s('key')], ([k]) => answer(values, { kind: 'consul', key: text(k) }, 'consul_key')),
    ],
    [
      'aws_secretsmanager',
      define([s('name'), s('key', true)], () => {
        throw new HclFunctionError(`aws_secretsmanager ${NO_AWS}`);
      }),
    ],
    [
      'aws_secretsmanager_raw',
      define([s('name')], () => {
        throw new HclFunctionError(`aws_secretsmanager_raw ${NO_AWS}`);
      }),
    ],
  ]);
}
