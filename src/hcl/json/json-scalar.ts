// JSON strings, numbers and keywords as nodes, with hcl's messages for a bad one (`True`: "Did you mean "true"?").

import { editDistance } from '../../core/suggest.js';
import { HclSyntaxError } from '../errors.js';
import type { SourceLocator } from '../source-range.js';
import type { JsonNode } from './json-ast.js';
import type { JsonToken } from './json-scanner.js';
import { decodeJsonString } from './json-string.js';

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** A string, number or keyword token's node. */
export function scalar(locator: SourceLocator, token: JsonToken): JsonNode {
  const text = locator.text.slice(token.start, token.end);
  const range = locator.range(token.start, token.end);
  if (token.type === 'string') {
    const decoded = decodeJsonString(locator.text, token.start, token.end);
    if ('errorAt' in decoded)
      failAt(locator, 'Invalid JSON string', 'There is a syntax error in the given JSON string.', {
        start: decoded.errorAt,
        end: decoded.errorAt + 1,
      });
    return { kind: 'string', ...decoded, range };
  }
  if (token.type === 'number') {
    if (!NUMBER.test(text))
      failAt(locator, 'Invalid JSON number', 'There is a syntax error in the given JSON number.', token);
    return { kind: 'number', text, range };
  }
  if (text === 'true' || text === 'false') return { kind: 'bool', value: text === 'true', range };
  if (text === 'null') return { kind: 'null', range };
  if (text === 'undefined' || text === 'NaN' || text === 'Infinity')
    failAt(
      locator,
      'Invalid JSON keyword',
      `The JavaScript identifier "${text}" cannot be used in JSON.`,
      token,
    );
  const suggestion = ['false', 'true', 'null'].find((k) => editDistance(text, k) < 3);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  return failAt(locator, 'Invalid JSON keyword', `"${text}" is not a valid JSON keyword.${hint}`, token);
}

export function failAt(
  locator: SourceLocator,
  summary: string,
  detail: string,
  at: { readonly start: number; readonly end: number },
): never {
  throw new HclSyntaxError(summary, detail, locator.range(at.start, at.end), locator.text);
}
