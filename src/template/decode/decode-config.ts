// Decodes one plugin config object against a schema: renders strings, coerces weakly, flags unknown keys.

import { abbreviate } from '../../core/abbreviate.js';
import { didYouMean } from '../../core/suggest.js';
import { childPath, type JsonObject, type JsonValue, type KeyPath } from '../../json/json-value.js';
import type { ProblemCollector } from '../problems.js';
import {
  type Coerced,
  coerceBool,
  coerceDuration,
  coerceInt,
  coerceIntList,
  coerceString,
  coerceStringList,
  coerceStringListList,
  coerceStringListMap,
  coerceStringMap,
} from './coerce.js';

export type FieldKind =
  | 'string'
  | 'int'
  | 'bool'
  | 'duration'
  | 'stringList'
  | 'stringListList'
  | 'stringMap'
  | 'stringListMap'
  | 'intList';

export interface FieldSpec {
  readonly kind: FieldKind;
  /** Kept unrendered at load time (rendered later with run-time data), like Packer's interpolate filter. */
  readonly raw?: boolean;
  /**
   * The config property this key feeds, when it is not the key in camelCase (+`Ms` for durations): e.g.
   * `iso_url` feeds `isoUrls`. The schema-consumer test follows it to the code that reads the option.
   */
  readonly into?: string;
  /**
   * Packer decodes it but nothing uses it in the configurations Kiln runs (WinRM options beside the SSH
   * communicator): the plugin warns, naming the key, whenever it is set.
   */
  readonly inert?: true;
}

export interface ConfigSchema {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Packer 1.6.6 options Kiln recognises but does not implement: key → why (an error naming the key). */
  readonly unsupported?: Readonly<Record<string, string>>;
  /** Options of later Packer plugins, unknown to Packer 1.6.6: key → why (always an error). */
  readonly newer?: Readonly<Record<string, string>>;
  /** Removed Packer options: key → what to use instead. */
  readonly deprecated?: Readonly<Record<string, string>>;
}

export type DecodedValue =
  | string
  | number
  | boolean
  | string[]
  | string[][]
  | Record<string, string>
  | Record<string, string[]>
  | number[];

export interface DecodeEnv {
  readonly problems: ProblemCollector;
  /** Renders a template string at load time; returns undefined (after recording a problem) on failure. */
  readonly render: (text: string, path: KeyPath) => string | undefined;
  /** Syntax-checks a string kept unrendered (raw fields); records a problem and returns false on failure. */
  readonly validate?: (text: string, path: KeyPath) => boolean;
}

const COERCERS: Readonly<Record<FieldKind, (value: JsonValue) => Coerced<DecodedValue>>> = {
  string: coerceString,
  int: coerceInt,
  bool: coerceBool,
  duration: coerceDuration,
  stringList: coerceStringList,
  stringListList: coerceStringListList,
  stringMap: coerceStringMap,
  stringListMap: coerceStringListMap,
  intList: coerceIntList,
};

/** Returns the decoded values by key; every problem goes to `env.problems` (nothing thrown). */
export function decodeConfig(
  raw: JsonObject,
  schema: ConfigSchema,
  path: KeyPath,
  env: DecodeEnv,
): Map<string, DecodedValue> {
  const out = new Map<string, DecodedValue>();
  for (const [key, value] of Object.entries(raw)) {
    const keyPath = childPath(path, key);
    const spec = schema.fields[key];
    if (spec === undefined) {
      reportUnknown(key, keyPath, value, schema, env.problems);
      continue;
    }
    if (value === null) continue;
    if (spec.raw && !validateDeep(value, keyPath, env)) continue;
    const rendered = spec.raw ? value : renderDeep(value, keyPath, env);
    if (rendered === undefined) continue;
    const coerced = COERCERS[spec.kind](rendered);
    if (coerced.ok) out.set(key, coerced.value);
    else env.problems.add(keyPath, coerced.problem);
  }
  return out;
}

function reportUnknown(
  key: string,
  keyPath: KeyPath,
  value: JsonValue,
  schema: ConfigSchema,
  problems: ProblemCollector,
) {
  if (key.startsWith('packer_')) return;
  const newer = schema.newer?.[key];
  if (newer !== undefined) {
    problems.add(keyPath, `'${key}' is not supported by Kiln: ${newer}`);
    return;
  }
  const why = schema.unsupported?.[key];
  if (why !== undefined) {
    if (value !== null && value !== false && value !== '')
      problems.unsupported(keyPath, `'${key}' is not supported by Kiln: ${why}`);
    return;
  }
  const instead = schema.deprecated?.[key];
  if (instead !== undefined) {
    problems.add(
      keyPath,
      `deprecated configuration key: '${key}'; ${instead} (\`kiln fix\` could not rewrite this value)`,
    );
    return;
  }
  problems.add(
    keyPath,
    `unknown configuration key: '${abbreviate(key)}'${didYouMean(key, Object.keys(schema.fields))}`,
  );
}

/** Renders every string inside a value (lists and maps too); undefined when any string failed. */
function renderDeep(value: JsonValue, path: KeyPath, env: DecodeEnv): JsonValue | undefined {
  if (typeof value === 'string') return env.render(value, path);
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const [i, element] of value.entries()) {
      const rendered = renderDeep(element, childPath(path, i), env);
      if (rendered === undefined) return undefined;
      out.push(rendered);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, element] of Object.entries(value)) {
      const rendered = renderDeep(element, childPath(path, key), env);
      if (rendered === undefined) return undefined;
      out[key] = rendered;
    }
    return out;
  }
  return value;
}

function validateDeep(value: JsonValue, path: KeyPath, env: DecodeEnv): boolean {
  if (typeof value === 'string') return env.validate?.(value, path) ?? true;
  if (Array.isArray(value))
    return value.every((element, i) => validateDeep(element, childPath(path, i), env));
  return true;
}
