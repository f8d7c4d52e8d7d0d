// regex, regexall and regex_replace (cty's regexp.go, string_replace.go) over Go-syntax patterns.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, NULL, object, str, tuple } from '../eval/values.js';
import { toStr } from './convert.js';
import { expandGoTemplate, goRegExp, groupInfo } from './go-regexp.js';
import { define, type FunctionTable, text } from './spec.js';

const s = (name: string) => ({ name, type: toStr });

function compile(pattern: string, global: boolean): RegExp {
  try {
    return goRegExp(pattern, global);
  } catch (error) {
    throw new HclFunctionError(`error parsing pattern: ${(error as Error).message}`, 0);
  }
}

/** cty's result shape: the match, a tuple of unnamed captures, or an object of named ones. */
function matchResult(re: RegExp, m: RegExpExecArray): HclValue {
  const { unnamed, names } = groupInfo(re);
  if (unnamed > 0 && names.length > 0)
    throw new HclFunctionError('invalid regexp pattern: cannot mix both named and unnamed capture groups');
  const cap = (v: string | undefined) => (v === undefined ? NULL : str(v));
  if (names.length > 0) return object(names.map((name) => [name, cap(m.groups?.[name])] as const));
  if (unnamed > 0) return tuple(m.slice(1).map(cap));
  return str(m[0]);
}

export const REGEX_FUNCTIONS: FunctionTable = new Map([
  [
    'regex',
    define([s('pattern'), s('string')], ([pattern, input]) => {
      const re = compile(text(pattern), false);
      const m = re.exec(text(input));
      if (!m) throw new HclFunctionError('pattern did not match any part of the given string');
      return matchResult(re, m);
    }),
  ],
  [
    'regexall',
    define([s('pattern'), s('string')], ([pattern, input]) => {
      const re = compile(text(pattern), true);
      const matches = [...text(input).matchAll(re)];
      return { type: 'list', items: matches.map((m) => matchResult(re, m)) };
    }),
  ],
  [
    'regex_replace',
    define([s('str'), s('pattern'), s('replace')], ([input, pattern, replacement]) => {
      let re: RegExp;
      try {
        re = goRegExp(text(pattern), true);
      } catch (error) {
        throw new HclFunctionError((error as Error).message);
      }
      return str(text(input).replace(re, (...m) => expandGoTemplate(text(replacement), toExec(m))));
    }),
  ],
]);

/** String.replace's callback arguments back into an exec-style match array with groups. */
function toExec(args: unknown[]): RegExpExecArray {
  const last = args[args.length - 1];
  const hasGroups = typeof last === 'object' && last !== null;
  const captures = args.slice(0, hasGroups ? -3 : -2) as (string | undefined)[];
  const match = captures as unknown as RegExpExecArray;
  if (hasGroups) match.groups = last as Record<string, string>;
  return match;
}
