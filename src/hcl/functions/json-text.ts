// cty's JSON encoding (cty/json.Marshal): compact, object keys sorted, numbers without exponent, and Go's
// encoding/json string escapes (`<`, `>`, `&`, U+2028, U+2029 as \u escapes).

import { type HclValue, isMapping, isSequence, numberText } from '../eval/values.js';

export function jsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function jsonText(v: HclValue): string {
  if (v.type === 'null') return 'null';
  if (v.type === 'string') return jsonString(v.value);
  if (v.type === 'number') {
    if (!Number.isFinite(v.value)) throw new Error(`can't marshal infinity as JSON`);
    return numberText(v.value);
  }
  if (v.type === 'bool') return String(v.value);
  if (isSequence(v)) return `[${v.items.map(jsonText).join(',')}]`;
  if (isMapping(v)) {
    const keys = [...v.attrs.keys()].sort();
    return `{${keys.map((k) => `${jsonString(k)}:${jsonText(v.attrs.get(k) as HclValue)}`).join(',')}}`;
  }
  return 'null';
}
