// The template's top-level structure (Packer template/parse.go): root keys, builders, provisioners, PP chains.

import { didYouMean } from '../core/suggest.js';
import {
  childPath,
  describeValue,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  type KeyPath,
} from '../json/json-value.js';
import { coerceDuration, coerceInt } from './decode/coerce.js';
import type { ProblemCollector } from './problems.js';
import { readPostProcessors } from './raw-post-processors.js';
import { arrayAt, listOf, readOnlyExcept, scalar } from './raw-template-values.js';
import type { RawBuilder, RawProvisioner, RawSinks, RawTemplate } from './raw-types.js';

export type {
  OnlyExcept,
  RawBuilder,
  RawPostProcessor,
  RawProvisioner,
  RawSinks,
  RawTemplate,
} from './raw-types.js';

const ROOT_KEYS = [
  'builders',
  'provisioners',
  'post-processors',
  'variables',
  'sensitive-variables',
  'description',
  'min_packer_version',
  'error-cleanup-provisioner',
  'push',
];

/**
 * `problems` gets what Packer's template parser rejects (so `validate -syntax-only` fails); `checks` gets what
 * its later Validate rejects (no builders, only/except/override naming no build): by default the same collector.
 */
export function readRawTemplate(
  root: JsonValue,
  problems: ProblemCollector,
  checks: ProblemCollector = problems,
): RawTemplate {
  if (!isJsonObject(root)) {
    problems.add(undefined, `a template must be a JSON object, found ${describeValue(root)}`);
    return readRawTemplate({ builders: [] }, problems, checks);
  }
  const comments: Record<string, string> = {};
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('_')) {
      if (typeof value === 'string') comments[key] = value;
      else problems.add(key, `root level comment "${key}" must be a string, found ${describeValue(value)}`);
    } else if (!ROOT_KEYS.includes(key)) {
      problems.add(key, `Unknown root level key in template: '${key}'${didYouMean(key, ROOT_KEYS)}`);
    }
  }
  const text = (key: string): string | undefined => {
    const value = root[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    problems.add(key, `expected a string, found ${describeValue(value)}`);
    return undefined;
  };
  const variables = root.variables ?? {};
  if (!isJsonObject(variables))
    problems.add('variables', `expected an object, found ${describeValue(variables)}`);
  const sensitive =
    root['sensitive-variables'] === undefined
      ? []
      : listOf(root['sensitive-variables'], 'sensitive-variables', problems);
  const builders = readBuilders(root.builders, problems);
  const listed = root.builders;
  if (listed === undefined || listed === null || (Array.isArray(listed) && listed.length === 0))
    checks.add('builders', 'at least one builder must be defined');
  const names = new Set(builders.map((b) => b.rawName));
  const sinks = { problems, checks };
  const cleanup = root['error-cleanup-provisioner'];
  return {
    description: text('description'),
    minPackerVersion: text('min_packer_version'),
    comments,
    variables: isJsonObject(variables) ? variables : {},
    sensitiveVariables: sensitive,
    builders,
    provisioners: arrayAt(root.provisioners, 'provisioners', problems).flatMap((raw, i) => {
      const p = readProvisioner(raw, `provisioners[${i}]`, names, sinks);
      return p ? [p] : [];
    }),
    errorCleanupProvisioner:
      cleanup === undefined || cleanup === null
        ? undefined
        : readProvisioner(cleanup, 'error-cleanup-provisioner', names, sinks),
    postProcessors: readPostProcessors(root['post-processors'], names, sinks),
  };
}

function readBuilders(value: JsonValue | undefined, problems: ProblemCollector): RawBuilder[] {
  const list = arrayAt(value, 'builders', problems);
  const out: RawBuilder[] = [];
  for (const [i, raw] of list.entries()) {
    const path = `builders[${i}]`;
    if (!isJsonObject(raw)) {
      problems.add(path, `expected a builder object, found ${describeValue(raw)}`);
      continue;
    }
    const { type, name, ...config } = raw;
    if (typeof type !== 'string' || type === '') {
      problems.add(path, `builder ${i + 1}: missing 'type'`);
      continue;
    }
    const buildName = typeof name === 'string' && name !== '' ? name : type;
    if (out.some((b) => b.rawName === buildName)) {
      problems.add(
        childPath(path, 'name'),
        `builder ${i + 1}: builder with name '${buildName}' already exists`,
      );
      continue;
    }
    out.push({ type, name: buildName, rawName: buildName, config, path });
  }
  return out;
}

function readProvisioner(
  raw: JsonValue,
  path: KeyPath,
  builds: ReadonlySet<string>,
  { problems, checks }: RawSinks,
): RawProvisioner | undefined {
  if (!isJsonObject(raw)) {
    problems.add(path, `expected a provisioner object, found ${describeValue(raw)}`);
    return undefined;
  }
  const { type, only, except, override, pause_before, max_retries, timeout, ...config } = raw;
  if (typeof type !== 'string' || type === '') {
    problems.add(path, "provisioner missing 'type'");
    return undefined;
  }
  const overrides: Record<string, JsonObject> = {};
  if (override !== undefined && override !== null) {
    if (!isJsonObject(override))
      problems.add(`${path}.override`, `expected an object, found ${describeValue(override)}`);
    else {
      for (const [build, partial] of Object.entries(override)) {
        if (!builds.has(build))
          checks.add(
            childPath(`${path}.override`, build),
            `override '${build}' doesn't exist${didYouMean(build, builds)}`,
          );
        if (isJsonObject(partial)) overrides[build] = partial;
        else
          problems.add(
            childPath(`${path}.override`, build),
            `expected an object, found ${describeValue(partial)}`,
          );
      }
    }
  }
  return {
    type,
    ...readOnlyExcept(only, except, path, builds, { problems, checks }),
    override: overrides,
    pauseBeforeMs: scalar(pause_before, `${path}.pause_before`, coerceDuration, problems) ?? 0,
    maxRetries: scalar(max_retries, `${path}.max_retries`, coerceInt, problems) ?? 0,
    timeoutMs: scalar(timeout, `${path}.timeout`, coerceDuration, problems) ?? 0,
    config,
    path,
  };
}
