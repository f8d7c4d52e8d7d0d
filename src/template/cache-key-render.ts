// What the snapshot cache hashes for a template section: its values as written, rendered the way the build
// renders them but at a fixed time with a fixed `uuid`, so a `{{timestamp}}` or `{{uuid}}` does not make every
// run a cache miss. Run-time fields (`{{ .Path }}`) stay as written.
import type { JsonValue } from '../json/json-value.js';
import type { LoadedTemplate } from './loaded-template.js';
import { renderTemplateString } from './render-string.js';

/** The fixed `timestamp`/`isotime`/`strftime` time and `uuid` value of cache keys. */
export const STABLE_TIME = {
  initTime: new Date(0),
  fixedUuid: '00000000-0000-0000-0000-000000000000',
} as const;

export function renderForCacheKey(template: LoadedTemplate, value: JsonValue): JsonValue {
  const ctx = {
    phase: 'config' as const,
    templatePath: template.path,
    cwd: template.cwd,
    env: template.env,
    userVariables: template.keyVariables ?? template.variables,
    data: {},
    ...STABLE_TIME,
  };
  const render = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') {
      try {
        return renderTemplateString(v, ctx, { keepUnresolved: true });
      } catch {
        return v; // a value the build would reject anyway: hashed as written
      }
    }
    if (Array.isArray(v)) return v.map(render);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, render(inner)]));
    return v;
  };
  return render(value);
}
