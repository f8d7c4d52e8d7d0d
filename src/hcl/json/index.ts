// HCL's JSON syntax (Packer's *.pkr.json and *.pkrvars.json): the parser, and JSON values as HCL expressions.
// Bodies are read against a schema by src/template/hcl2 (bodyContent), where attributes and blocks are known.

import { SourceLocator } from '../source-range.js';
import type { JsonBody } from './json-ast.js';
import { parseJsonValue } from './json-parser.js';

export type { JsonBody, JsonNode, JsonObject, JsonProperty, JsonString } from './json-ast.js';
export { startRange } from './json-ast.js';
export { jsonExpression, staticExpression } from './json-expression.js';

export interface HclJsonFile {
  readonly file: string;
  readonly text: string;
  readonly body: JsonBody;
}

/** hcl's json.Parse: the first syntax error is thrown as an HclSyntaxError. */
export function parseHclJsonFile(file: string, text: string): HclJsonFile {
  const locator = new SourceLocator(file, text);
  const value = parseJsonValue(locator);
  return { file, text, body: { kind: 'JsonBody', value, range: value.range, locator } };
}
