// Small readers shared by the raw-template parsers: only/except lists, scalar options, lists.

import { didYouMean } from '../core/suggest.js';
import { describeValue, type JsonValue, type KeyPath } from '../json/json-value.js';
import { coerceStringList } from './decode/coerce.js';
import type { ProblemCollector } from './problems.js';
import type { OnlyExcept, RawSinks } from './raw-types.js';

export function readOnlyExcept(
  only: JsonValue | undefined,
  except: JsonValue | undefined,
  path: KeyPath,
  builds: ReadonlySet<string>,
  { problems, checks }: RawSinks,
): OnlyExcept {
  const onlyList = only === undefined || only === null ? [] : listOf(only, `${path}.only`, problems);
  const exceptList =
    except === undefined || except === null ? [] : listOf(except, `${path}.except`, problems);
  if (onlyList.length > 0 && exceptList.length > 0)
    checks.add(path, "only one of 'only' or 'except' may be specified");
  for (const [key, list] of [
    ['only', onlyList],
    ['except', exceptList],
  ] as const) {
    for (const [i, build] of list.entries()) {
      if (!builds.has(build)) {
        checks.add(
          `${path}.${key}[${i}]`,
          `'${key}' specified builder '${build}' not found${didYouMean(build, builds)}`,
        );
      }
    }
  }
  return { only: onlyList, except: exceptList };
}

export function coerceBoolStrict(value: JsonValue) {
  return typeof value === 'boolean'
    ? ({ ok: true, value } as const)
    : ({ ok: false, problem: `expected true or false, found ${describeValue(value)}` } as const);
}

export function scalar<T>(
  value: JsonValue | undefined,
  path: KeyPath,
  coerce: (v: JsonValue) => { ok: true; value: T } | { ok: false; problem: string },
  problems: ProblemCollector,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  const result = coerce(value);
  if (result.ok) return result.value;
  problems.add(path, result.problem);
  return undefined;
}

export function listOf(value: JsonValue, path: KeyPath, problems: ProblemCollector): string[] {
  return scalar(value, path, coerceStringList, problems) ?? [];
}

export function arrayAt(
  value: JsonValue | undefined,
  path: KeyPath,
  problems: ProblemCollector,
): JsonValue[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  problems.add(path, `expected a list, found ${describeValue(value)}`);
  return [];
}
