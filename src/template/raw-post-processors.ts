// Post-processor entries: a name, an object, or a chain (list) of those; chains cannot nest.

import { describeValue, isJsonObject, type JsonObject, type JsonValue } from '../json/json-value.js';
import { arrayAt, coerceBoolStrict, readOnlyExcept, scalar } from './raw-template-values.js';
import type { RawPostProcessor, RawSinks } from './raw-types.js';

export function readPostProcessors(
  value: JsonValue | undefined,
  builds: ReadonlySet<string>,
  sinks: RawSinks,
) {
  const { problems } = sinks;
  return arrayAt(value, 'post-processors', problems).map((entry, i) => {
    const path = `post-processors[${i}]`;
    const chain = Array.isArray(entry)
      ? entry.map((e, j) => [e, `${path}[${j}]`] as const)
      : [[entry, path] as const];
    return chain.flatMap(([raw, at]) => {
      if (Array.isArray(raw)) {
        problems.add(at, 'sequence not allowed to be nested in a sequence');
        return [];
      }
      const object: JsonObject | undefined =
        typeof raw === 'string' ? { type: raw } : isJsonObject(raw) ? raw : undefined;
      if (object === undefined) {
        problems.add(at, `expected a post-processor name, object or list, found ${describeValue(raw)}`);
        return [];
      }
      const { type, name, only, except, keep_input_artifact, ...config } = object;
      if (typeof type !== 'string' || type === '') {
        problems.add(at, 'post-processor type is required');
        return [];
      }
      const keep = scalar(
        keep_input_artifact,
        `${at}.keep_input_artifact`,
        (v) => coerceBoolStrict(v),
        problems,
      );
      const pp: RawPostProcessor = {
        type,
        name: typeof name === 'string' && name !== '' ? name : type,
        ...readOnlyExcept(only, except, at, builds, sinks),
        keepInputArtifact: keep,
        config,
        path: at,
      };
      return [pp];
    });
  });
}
